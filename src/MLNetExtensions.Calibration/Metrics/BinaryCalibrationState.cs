namespace MLNetExtensions.Calibration.Metrics;

/// <summary>
/// Everything of the binary metrics that streams: the positive-class and top-label accumulators and the sums of
/// log loss, correct decisions and confidence. Fed block by block; O(bins) memory plus one scratch block.
/// </summary>
internal sealed class BinaryCalibrationState
{
    private const double Clip = 1e-15;
    private double[] _confidence = [];
    private float[] _correct = [];

    public BinaryCalibrationState(CalibrationEvaluationOptions options, string probabilityColumnName, string labelColumnName,
        double[]? positiveEdges = null, double[]? topLabelEdges = null)
    {
        Positive = positiveEdges is null
            ? new BinnedCalibrationAccumulator(options.NumberOfBins, options.BinEdges, probabilityColumnName, labelColumnName)
            : new BinnedCalibrationAccumulator(positiveEdges, options.BinEdges, probabilityColumnName, labelColumnName);
        TopLabel = topLabelEdges is null
            ? new BinnedCalibrationAccumulator(options.NumberOfBins, options.BinEdges, probabilityColumnName, labelColumnName)
            : new BinnedCalibrationAccumulator(topLabelEdges, options.BinEdges, probabilityColumnName, labelColumnName);
    }

    public BinnedCalibrationAccumulator Positive { get; }

    public BinnedCalibrationAccumulator TopLabel { get; }

    public double LogLossSum { get; private set; }

    public double CorrectSum { get; private set; }

    public double ConfidenceSum { get; private set; }

    public long Count => Positive.Count;

    /// <summary>Adds a block; the positive-class accumulator checks every value first (column and row in the error).</summary>
    public void Add(ReadOnlySpan<double> probabilities, ReadOnlySpan<float> labels)
    {
        Positive.Add(probabilities, labels);
        if (_confidence.Length < probabilities.Length)
        {
            _confidence = new double[probabilities.Length];
            _correct = new float[probabilities.Length];
        }
        double logLoss = 0, correct = 0, confidence = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            double p = probabilities[i];
            bool positive = labels[i] == 1f;
            double clipped = Math.Clamp(positive ? p : 1 - p, Clip, 1 - Clip);
            logLoss -= Math.Log(clipped);
            bool predictedPositive = p >= 0.5;
            double conf = predictedPositive ? p : 1 - p;
            float isCorrect = predictedPositive == positive ? 1f : 0f;
            _confidence[i] = conf;
            _correct[i] = isCorrect;
            correct += isCorrect;
            confidence += conf;
        }
        TopLabel.Add(_confidence.AsSpan(0, probabilities.Length), _correct.AsSpan(0, probabilities.Length));
        LogLossSum += logLoss;
        CorrectSum += correct;
        ConfidenceSum += confidence;
    }
}
