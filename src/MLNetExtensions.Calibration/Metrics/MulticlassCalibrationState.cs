using MLNetExtensions.Data;

namespace MLNetExtensions.Calibration.Metrics;

/// <summary>
/// Everything of the multiclass metrics that streams: one one-vs-rest accumulator per class, the top-label
/// accumulator, and the sums of log loss, correct argmax and confidence. Checks every row.
/// </summary>
internal sealed class MulticlassCalibrationState
{
    private const double Clip = 1e-15;
    private readonly string _scoreColumn, _labelColumn;
    private readonly double _tolerance;
    private double[] _column = [], _confidence = [];
    private float[] _indicator = [], _correct = [];

    public MulticlassCalibrationState(int classCount, CalibrationEvaluationOptions options, string scoreColumnName, string labelColumnName,
        double[][]? classEdges = null, double[]? topLabelEdges = null)
    {
        ClassCount = classCount;
        _scoreColumn = scoreColumnName;
        _labelColumn = labelColumnName;
        _tolerance = options.ProbabilitySumTolerance;
        Classwise = Enumerable.Range(0, classCount).Select(k => classEdges is null
            ? new BinnedCalibrationAccumulator(options.NumberOfBins, options.BinEdges, scoreColumnName, labelColumnName)
            : new BinnedCalibrationAccumulator(classEdges[k], options.BinEdges, scoreColumnName, labelColumnName)).ToArray();
        TopLabel = topLabelEdges is null
            ? new BinnedCalibrationAccumulator(options.NumberOfBins, options.BinEdges, scoreColumnName, labelColumnName)
            : new BinnedCalibrationAccumulator(topLabelEdges, options.BinEdges, scoreColumnName, labelColumnName);
    }

    public int ClassCount { get; }

    public BinnedCalibrationAccumulator[] Classwise { get; }

    public BinnedCalibrationAccumulator TopLabel { get; }

    public double LogLossSum { get; private set; }

    public double CorrectSum { get; private set; }

    public double ConfidenceSum { get; private set; }

    public long Count => TopLabel.Count;

    /// <summary>Checks one row-major block (rows x classes) with labels in [0, classes) and throws naming column and row.</summary>
    public static void Check(ReadOnlySpan<double> probabilities, ReadOnlySpan<int> labels, int classCount, double tolerance,
        string scoreColumn, string labelColumn, long firstRow)
    {
        for (int i = 0; i < labels.Length; i++)
        {
            long row = firstRow + i;
            int label = labels[i];
            if (label < 0 || label >= classCount)
                throw new DataValidationException(
                    $"Column '{labelColumn}' is {label} at row {row}; class indices must lie in [0, {classCount - 1}].", labelColumn, row);
            var p = probabilities.Slice(i * classCount, classCount);
            double sum = 0;
            for (int k = 0; k < classCount; k++)
            {
                double v = p[k];
                if (double.IsNaN(v))
                    throw new DataValidationException($"Column '{scoreColumn}' is NaN at row {row}, class {k}; probabilities must be numbers in [0, 1].", scoreColumn, row);
                if (!(v >= 0 && v <= 1))
                    throw new DataValidationException($"Column '{scoreColumn}' is {v} at row {row}, class {k}; probabilities must lie in [0, 1].", scoreColumn, row);
                sum += v;
            }
            if (Math.Abs(sum - 1) > tolerance)
                throw new DataValidationException(
                    $"Column '{scoreColumn}' sums to {sum} at row {row}; a probability vector must sum to 1 " +
                    $"(tolerance {tolerance}, CalibrationEvaluationOptions.ProbabilitySumTolerance). Apply softmax to raw scores first.", scoreColumn, row);
        }
    }

    public void Add(ReadOnlySpan<double> probabilities, ReadOnlySpan<int> labels)
    {
        int n = labels.Length, classes = ClassCount;
        Check(probabilities, labels, classes, _tolerance, _scoreColumn, _labelColumn, Count);
        if (_column.Length < n)
        {
            _column = new double[n];
            _confidence = new double[n];
            _indicator = new float[n];
            _correct = new float[n];
        }
        for (int k = 0; k < classes; k++)
        {
            for (int i = 0; i < n; i++)
            {
                _column[i] = probabilities[i * classes + k];
                _indicator[i] = labels[i] == k ? 1f : 0f;
            }
            Classwise[k].Add(_column.AsSpan(0, n), _indicator.AsSpan(0, n));
        }
        double logLoss = 0, correct = 0, confidence = 0;
        for (int i = 0; i < n; i++)
        {
            var p = probabilities.Slice(i * classes, classes);
            int best = 0;
            for (int k = 1; k < classes; k++)
                if (p[k] > p[best]) best = k;
            logLoss -= Math.Log(Math.Clamp(p[labels[i]], Clip, 1 - Clip));
            float isCorrect = best == labels[i] ? 1f : 0f;
            _confidence[i] = p[best];
            _correct[i] = isCorrect;
            correct += isCorrect;
            confidence += p[best];
        }
        TopLabel.Add(_confidence.AsSpan(0, n), _correct.AsSpan(0, n));
        LogLossSum += logLoss;
        CorrectSum += correct;
        ConfidenceSum += confidence;
    }

    /// <summary>Top-label confidences and correctness of a checked block (for KS, smooth ECE and equal-mass edges).</summary>
    public static void ComputeTopLabel(ReadOnlySpan<double> probabilities, ReadOnlySpan<int> labels, int classes, Span<double> confidence, Span<float> correct)
    {
        for (int i = 0; i < labels.Length; i++)
        {
            var p = probabilities.Slice(i * classes, classes);
            int best = 0;
            for (int k = 1; k < classes; k++)
                if (p[k] > p[best]) best = k;
            confidence[i] = p[best];
            correct[i] = best == labels[i] ? 1f : 0f;
        }
    }
}
