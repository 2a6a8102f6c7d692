using MLNetExtensions.Data;

namespace MLNetExtensions.Calibration.Metrics;

/// <summary>
/// Calibration metrics over in-memory spans. <c>mlContext.Calibration().EvaluateBinary/EvaluateMulticlass</c> do
/// the same over an <c>IDataView</c>. Equal-width binned metrics stream (O(bins) memory); KS, smooth ECE, AUC,
/// equal-mass edges and bootstrap intervals need the scores, which spans hold anyway.
/// </summary>
public static class CalibrationEvaluator
{
    private const int Block = 4096;
    private static readonly IReadOnlyDictionary<string, ConfidenceInterval> NoIntervals = new Dictionary<string, ConfidenceInterval>();

    /// <summary>
    /// Binary calibration metrics of P(y = 1) against 0/1 labels. Bad values (NaN or out-of-[0, 1] probabilities,
    /// labels other than 0/1, different lengths, no rows) throw <see cref="DataValidationException"/> naming the
    /// column and row. With one class only every metric is defined except AUC, which is NaN.
    /// </summary>
    public static BinaryCalibrationMetrics EvaluateBinary(ReadOnlySpan<double> probabilities, ReadOnlySpan<float> labels,
        CalibrationEvaluationOptions? options = null, string probabilityColumnName = "Probability", string labelColumnName = "Label")
    {
        options ??= new CalibrationEvaluationOptions();
        options.Validate();
        CheckLengths(probabilities.Length, labels.Length, probabilityColumnName, labelColumnName);
        var metrics = ComputeBinary(probabilities, labels, options, probabilityColumnName, labelColumnName, NoIntervals);
        if (options.BootstrapResamples == 0)
            return metrics;
        var p = probabilities.ToArray();
        var y = labels.ToArray();
        var resampledP = new double[p.Length];
        var resampledY = new float[p.Length];
        var intervals = Bootstrap.Intervals(p.Length, options, metrics.Scalars().Select(s => s.Name).ToArray(), indices =>
        {
            for (int i = 0; i < indices.Length; i++)
            {
                resampledP[i] = p[indices[i]];
                resampledY[i] = y[indices[i]];
            }
            return ComputeBinary(resampledP, resampledY, options, probabilityColumnName, labelColumnName, NoIntervals).Scalars().Select(s => s.Value).ToArray();
        });
        // The point metrics are already computed; only the intervals are new.
        metrics.ConfidenceIntervals = intervals;
        return metrics;
    }

    /// <summary>
    /// Multiclass calibration metrics: <paramref name="probabilities"/> is row-major (rows x <paramref name="classCount"/>),
    /// each row a probability vector (entries in [0, 1], sum within <see cref="CalibrationEvaluationOptions.ProbabilitySumTolerance"/>
    /// of 1); labels are class indices in [0, classCount). Bad values throw <see cref="DataValidationException"/>
    /// naming the column and row.
    /// </summary>
    public static MulticlassCalibrationMetrics EvaluateMulticlass(ReadOnlySpan<double> probabilities, int classCount, ReadOnlySpan<int> labels,
        CalibrationEvaluationOptions? options = null, string probabilityColumnName = "Score", string labelColumnName = "Label")
    {
        options ??= new CalibrationEvaluationOptions();
        options.Validate();
        if (classCount < 2)
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "Multiclass metrics need at least 2 classes.");
        if (probabilities.Length % classCount != 0)
            throw new DataValidationException(
                $"Column '{probabilityColumnName}' has {probabilities.Length} values, not a multiple of the {classCount} classes; " +
                $"row {probabilities.Length / classCount} is incomplete.", probabilityColumnName, probabilities.Length / classCount);
        CheckLengths(probabilities.Length / classCount, labels.Length, probabilityColumnName, labelColumnName);
        var metrics = ComputeMulticlass(probabilities, classCount, labels, options, probabilityColumnName, labelColumnName, NoIntervals);
        if (options.BootstrapResamples == 0)
            return metrics;
        var probabilityCopy = probabilities.ToArray();
        var labelCopy = labels.ToArray();
        var resampledP = new double[probabilityCopy.Length];
        var resampledY = new int[labelCopy.Length];
        var intervals = Bootstrap.Intervals(labelCopy.Length, options, metrics.Scalars().Select(s => s.Name).ToArray(), indices =>
        {
            for (int i = 0; i < indices.Length; i++)
            {
                Array.Copy(probabilityCopy, (long)indices[i] * classCount, resampledP, (long)i * classCount, classCount);
                resampledY[i] = labelCopy[indices[i]];
            }
            return ComputeMulticlass(resampledP, classCount, resampledY, options, probabilityColumnName, labelColumnName, NoIntervals).Scalars().Select(s => s.Value).ToArray();
        });
        // The point metrics are already computed; only the intervals are new.
        metrics.ConfidenceIntervals = intervals;
        return metrics;
    }

    internal static void CheckLengths(int probabilityRows, int labelRows, string probabilityColumnName, string labelColumnName)
    {
        if (probabilityRows != labelRows)
        {
            int row = Math.Min(probabilityRows, labelRows);
            string shorter = labelRows < probabilityRows ? labelColumnName : probabilityColumnName;
            throw new DataValidationException(
                $"Column '{probabilityColumnName}' has {probabilityRows} rows but column '{labelColumnName}' has {labelRows}; " +
                $"column '{shorter}' has no value at row {row}.", shorter, row);
        }
        if (probabilityRows == 0)
            throw DataValidationException.NoRows();
    }

    private static BinaryCalibrationMetrics ComputeBinary(ReadOnlySpan<double> probabilities, ReadOnlySpan<float> labels,
        CalibrationEvaluationOptions options, string probabilityColumnName, string labelColumnName, IReadOnlyDictionary<string, ConfidenceInterval> intervals)
    {
        int n = probabilities.Length;
        BinaryCalibrationState state;
        if (options.Binning == BinningStrategy.EqualMass)
        {
            // Check the values first so a bad row is reported before it reaches the quantiles.
            new BinnedCalibrationAccumulator(1, options.BinEdges, probabilityColumnName, labelColumnName).Add(probabilities, labels);
            var sorted = probabilities.ToArray();
            Array.Sort(sorted);
            var confidence = new double[n];
            for (int i = 0; i < n; i++)
                confidence[i] = Math.Max(probabilities[i], 1 - probabilities[i]);
            Array.Sort(confidence);
            state = new BinaryCalibrationState(options, probabilityColumnName, labelColumnName,
                BinnedCalibrationAccumulator.EqualMassEdges(sorted, options.NumberOfBins),
                BinnedCalibrationAccumulator.EqualMassEdges(confidence, options.NumberOfBins));
        }
        else
        {
            state = new BinaryCalibrationState(options, probabilityColumnName, labelColumnName);
        }
        for (int start = 0; start < n; start += Block)
        {
            int length = Math.Min(Block, n - start);
            state.Add(probabilities.Slice(start, length), labels.Slice(start, length));
        }

        double ks = double.NaN, smooth = double.NaN, auc = double.NaN;
        if (!options.BinnedOnly)
        {
            var sortedScores = probabilities.ToArray();
            var sortedLabels = labels.ToArray();
            Array.Sort(sortedScores, sortedLabels);
            ks = KsCalibrationError.ComputeSorted(sortedScores, sortedLabels);
            auc = RankAuc.ComputeSorted(sortedScores, sortedLabels);
            smooth = SmoothCalibrationError.Compute(probabilities, labels);
        }
        return FromState(state, ks, smooth, auc, options.ConfidenceLevel, intervals);
    }

    internal static BinaryCalibrationMetrics FromState(BinaryCalibrationState state, double ks, double smooth, double auc, double confidenceLevel,
        IReadOnlyDictionary<string, ConfidenceInterval> intervals)
    {
        if (state.Count == 0)
            throw DataValidationException.NoRows();
        double n = state.Count;
        return new BinaryCalibrationMetrics(state.Count, state.Positive, state.TopLabel.Ece, ks, smooth,
            (state.CorrectSum - state.ConfidenceSum) / n, state.LogLossSum / n, state.CorrectSum / n, auc, confidenceLevel, intervals);
    }

    private static MulticlassCalibrationMetrics ComputeMulticlass(ReadOnlySpan<double> probabilities, int classCount, ReadOnlySpan<int> labels,
        CalibrationEvaluationOptions options, string scoreColumnName, string labelColumnName, IReadOnlyDictionary<string, ConfidenceInterval> intervals)
    {
        int n = labels.Length;
        double[]? confidence = null;
        float[]? correct = null;
        MulticlassCalibrationState state;
        if (options.Binning == BinningStrategy.EqualMass || !options.BinnedOnly)
        {
            MulticlassCalibrationState.Check(probabilities, labels, classCount, options.ProbabilitySumTolerance, scoreColumnName, labelColumnName, 0);
            confidence = new double[n];
            correct = new float[n];
            MulticlassCalibrationState.ComputeTopLabel(probabilities, labels, classCount, confidence, correct);
        }
        if (options.Binning == BinningStrategy.EqualMass)
        {
            var classEdges = new double[classCount][];
            var column = new double[n];
            for (int k = 0; k < classCount; k++)
            {
                for (int i = 0; i < n; i++)
                    column[i] = probabilities[i * classCount + k];
                Array.Sort(column);
                classEdges[k] = BinnedCalibrationAccumulator.EqualMassEdges(column, options.NumberOfBins);
            }
            var sortedConfidence = confidence!.ToArray();
            Array.Sort(sortedConfidence);
            state = new MulticlassCalibrationState(classCount, options, scoreColumnName, labelColumnName, classEdges,
                BinnedCalibrationAccumulator.EqualMassEdges(sortedConfidence, options.NumberOfBins));
        }
        else
        {
            state = new MulticlassCalibrationState(classCount, options, scoreColumnName, labelColumnName);
        }
        for (int start = 0; start < n; start += Block)
        {
            int length = Math.Min(Block, n - start);
            state.Add(probabilities.Slice(start * classCount, length * classCount), labels.Slice(start, length));
        }

        double ks = double.NaN, smooth = double.NaN;
        if (!options.BinnedOnly)
        {
            ks = KsCalibrationError.Compute(confidence, correct);
            smooth = SmoothCalibrationError.Compute(confidence, correct);
        }
        return FromState(state, ks, smooth, options.ConfidenceLevel, intervals);
    }

    internal static MulticlassCalibrationMetrics FromState(MulticlassCalibrationState state, double ks, double smooth, double confidenceLevel,
        IReadOnlyDictionary<string, ConfidenceInterval> intervals)
    {
        if (state.Count == 0)
            throw DataValidationException.NoRows();
        double n = state.Count;
        return new MulticlassCalibrationMetrics(state.Count, state.ClassCount, state.TopLabel, state.Classwise, ks, smooth,
            (state.CorrectSum - state.ConfidenceSum) / n, state.LogLossSum / n, state.CorrectSum / n, confidenceLevel, intervals);
    }
}
