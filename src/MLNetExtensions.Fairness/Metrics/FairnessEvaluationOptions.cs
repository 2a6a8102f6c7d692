namespace MLNetExtensions.Fairness.Metrics;

/// <summary>Options of <see cref="FairnessCatalog.Evaluate(Microsoft.ML.IDataView, FairnessEvaluationOptions)"/> and <see cref="FairnessEvaluator"/>.</summary>
public sealed class FairnessEvaluationOptions
{
    /// <summary>Default of <see cref="MaxDiscreteLevels"/>.</summary>
    public const int DefaultMaxDiscreteLevels = 20;

    /// <summary>Default of <see cref="DistanceMaxRows"/>.</summary>
    public const int DefaultDistanceMaxRows = 5_000;

    /// <summary>The task: binary classification (default) or regression.</summary>
    public FairnessTask Task = FairnessTask.BinaryClassification;

    /// <summary>The label column (ML.NET default "Label"): Boolean or 0/1 numbers for classification, numbers for regression.</summary>
    public string LabelColumnName = "Label";

    /// <summary>
    /// The prediction column: the predicted label (Boolean or 0/1) for classification, the predicted value for regression.
    /// Null means ML.NET's default: "PredictedLabel" for classification, "Score" for regression.
    /// </summary>
    public string? PredictionColumnName;

    /// <summary>Optional score column (classification): used for AUC and as the model output of JSD, UF and distance statistics.</summary>
    public string? ScoreColumnName;

    /// <summary>Optional probability column (classification, values in [0, 1]): used for log loss (and as the output when no score is given).</summary>
    public string? ProbabilityColumnName;

    /// <summary>The sensitive columns (at least one). Several: their Cartesian product defines intersectional groups.</summary>
    public string[] SensitiveColumnNames = Array.Empty<string>();

    /// <summary>Groups with fewer rows than this are flagged as small (default 30).</summary>
    public int MinGroupSize = 30;

    /// <summary>When true, small groups are left out of min, max, difference and ratio (they stay in the table). Default false, as Fairlearn.</summary>
    public bool ExcludeSmallGroups;

    /// <summary>A numeric sensitive column with more distinct values than this is continuous: no groups, used as a number (default 20).</summary>
    public int MaxDiscreteLevels = DefaultMaxDiscreteLevels;

    /// <summary>Bootstrap resamples for percentile confidence intervals; 0 (default) computes none.</summary>
    public int BootstrapResamples;

    /// <summary>Confidence level of the bootstrap intervals (default 0.95).</summary>
    public double ConfidenceLevel = 0.95;

    /// <summary>Seed of every random draw (bootstrap, subsample, permutations); same seed, same report.</summary>
    public int Seed;

    /// <summary>KDE bandwidth of the JSD; null (default) uses Silverman's rule per group (see docs/fairness.md).</summary>
    public double? JsdBandwidth;

    /// <summary>Grid points of the JSD densities between the overall min and max of the output (default 1,000).</summary>
    public int JsdGridPoints = 1_000;

    /// <summary>Weight groups equally in the JSD instead of by their share of rows.</summary>
    public bool JsdEqualGroupWeights;

    /// <summary>
    /// Distance statistics (dCov, dCor, CCdCov, JdCov) cost O(n^2) time: above this many rows they use a seeded random
    /// subsample of this size, and the report says so (default 5,000). 0 means always exact.
    /// </summary>
    public int DistanceMaxRows = DefaultDistanceMaxRows;

    /// <summary>
    /// Compute the distribution measures (JSD, UF) and the distance statistics (default true). False leaves only the
    /// group table and the parity measures, for the fastest report over many rows.
    /// </summary>
    public bool IncludeDependenceMeasures = true;

    /// <summary>Permutations of the independence test of the output and the joint attributes; 0 (default) skips it. Costs O(P n^2).</summary>
    public int Permutations;

    internal string ResolvedPredictionColumnName =>
        PredictionColumnName ?? (Task == FairnessTask.Regression ? "Score" : "PredictedLabel");

    internal void Validate()
    {
        if (MinGroupSize < 1)
            throw new ArgumentOutOfRangeException(nameof(MinGroupSize), MinGroupSize, "MinGroupSize must be at least 1.");
        if (MaxDiscreteLevels < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxDiscreteLevels), MaxDiscreteLevels, "MaxDiscreteLevels must be at least 1.");
        if (BootstrapResamples < 0)
            throw new ArgumentOutOfRangeException(nameof(BootstrapResamples), BootstrapResamples, "BootstrapResamples must not be negative.");
        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1))
            throw new ArgumentOutOfRangeException(nameof(ConfidenceLevel), ConfidenceLevel, "ConfidenceLevel must lie in (0, 1).");
        if (JsdBandwidth is double h && !(h > 0 && double.IsFinite(h)))
            throw new ArgumentOutOfRangeException(nameof(JsdBandwidth), h, "JsdBandwidth must be a positive number (or null for Silverman's rule).");
        if (JsdGridPoints < 2)
            throw new ArgumentOutOfRangeException(nameof(JsdGridPoints), JsdGridPoints, "JsdGridPoints must be at least 2.");
        if (DistanceMaxRows != 0 && DistanceMaxRows < 4)
            throw new ArgumentOutOfRangeException(nameof(DistanceMaxRows), DistanceMaxRows, "DistanceMaxRows must be 0 (exact) or at least 4.");
        if (Permutations < 0)
            throw new ArgumentOutOfRangeException(nameof(Permutations), Permutations, "Permutations must not be negative.");
    }
}
