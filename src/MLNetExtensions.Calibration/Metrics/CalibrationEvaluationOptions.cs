namespace MLNetExtensions.Calibration.Metrics;

/// <summary>Settings of <see cref="CalibrationEvaluator"/> and <c>mlContext.Calibration().Evaluate*</c>.</summary>
public sealed class CalibrationEvaluationOptions
{
    /// <summary>Number of bins of the binned metrics (ECE, MCE, ACE, RMSCE, debiased L2, Brier decomposition, curve). Default 15.</summary>
    public int NumberOfBins { get; set; } = 15;

    /// <summary>Equal-width (default, streams) or equal-mass (holds the scores) bins.</summary>
    public BinningStrategy Binning { get; set; } = BinningStrategy.EqualWidth;

    /// <summary>Which bin a probability exactly on an edge joins; default [a, b) with the last bin closed.</summary>
    public BinEdgeConvention BinEdges { get; set; } = BinEdgeConvention.LeftClosed;

    /// <summary>Bootstrap resamples for the confidence interval of every scalar metric; 0 (default) = no intervals.</summary>
    public int BootstrapResamples { get; set; } = 0;

    /// <summary>Seed of the bootstrap resampling.</summary>
    public int Seed { get; set; } = 0;

    /// <summary>Coverage of the bootstrap and per-bin Wilson intervals, in (0, 1). Default 0.95.</summary>
    public double ConfidenceLevel { get; set; } = 0.95;

    /// <summary>Largest allowed |sum of a multiclass probability row - 1|. Default 1e-4.</summary>
    public double ProbabilitySumTolerance { get; set; } = 1e-4;

    /// <summary>
    /// Compute only what streams in O(bins) memory: the binned metrics with equal-width bins, Brier, log loss,
    /// accuracy and Balance. KS, smooth ECE and AUC need all scores and are then reported as NaN (null in JSON).
    /// Not allowed together with equal-mass bins or bootstrap intervals, which need the rows too.
    /// </summary>
    public bool BinnedOnly { get; set; }

    /// <summary>
    /// For huge data: 0 (default) holds every row, so KS, smooth ECE and AUC are exact. N &gt; 0 makes the
    /// <c>IDataView</c> entry points stream the binned metrics over all rows (as <see cref="BinnedOnly"/>) and compute
    /// KS, smooth ECE and AUC on a uniform reservoir sample of N rows (seeded by <see cref="Seed"/>; top-label
    /// confidence and correctness for multiclass), in O(bins + N) memory. Needs equal-width bins and no bootstrap.
    /// The span evaluator holds its input anyway and ignores this option.
    /// </summary>
    public int ReservoirSize { get; set; }

    internal void Validate()
    {
        if (NumberOfBins < 1)
            throw new ArgumentOutOfRangeException(nameof(NumberOfBins), NumberOfBins, "NumberOfBins must be at least 1.");
        if (!Enum.IsDefined(Binning))
            throw new ArgumentOutOfRangeException(nameof(Binning), Binning, "Unknown binning strategy.");
        if (!Enum.IsDefined(BinEdges))
            throw new ArgumentOutOfRangeException(nameof(BinEdges), BinEdges, "Unknown bin-edge convention.");
        if (BootstrapResamples < 0)
            throw new ArgumentOutOfRangeException(nameof(BootstrapResamples), BootstrapResamples, "BootstrapResamples must be 0 (no intervals) or positive.");
        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1))
            throw new ArgumentOutOfRangeException(nameof(ConfidenceLevel), ConfidenceLevel, "ConfidenceLevel must lie strictly between 0 and 1.");
        if (!(ProbabilitySumTolerance >= 0) || double.IsInfinity(ProbabilitySumTolerance))
            throw new ArgumentOutOfRangeException(nameof(ProbabilitySumTolerance), ProbabilitySumTolerance, "ProbabilitySumTolerance must be a finite value >= 0.");
        if (BinnedOnly && Binning == BinningStrategy.EqualMass)
            throw new ArgumentException("BinnedOnly streams with equal-width bins; equal-mass bins need all scores. Use one or the other.", nameof(BinnedOnly));
        if (ReservoirSize < 0)
            throw new ArgumentOutOfRangeException(nameof(ReservoirSize), ReservoirSize, "ReservoirSize must be 0 (hold all rows) or positive.");
        if (ReservoirSize > 0 && (BinnedOnly || Binning == BinningStrategy.EqualMass || BootstrapResamples > 0))
            throw new ArgumentException(
                "ReservoirSize streams the binned metrics with equal-width bins and samples rows for KS, smooth ECE and AUC; " +
                "it cannot be combined with BinnedOnly, equal-mass bins or bootstrap intervals.", nameof(ReservoirSize));
        if (BinnedOnly && BootstrapResamples > 0)
            throw new ArgumentException("BinnedOnly keeps no rows, so bootstrap intervals cannot be computed; set BootstrapResamples = 0.", nameof(BinnedOnly));
    }
}
