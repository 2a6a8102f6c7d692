using MLNetExtensions.Debiasing.Data;
using MLNetExtensions.Debiasing.Propensity;
using MLNetExtensions.Debiasing.Trainers.Kernels;

namespace MLNetExtensions.Debiasing.Trainers;

/// <summary>
/// Options of <see cref="DebiasedMatrixFactorizationTrainer"/>. Defaults follow the kernel-balancing paper's Coat settings
/// (docs/debiasing.md). Options left null take a per-method default, named on each field.
/// </summary>
public sealed class DebiasedMatrixFactorizationOptions
{
    /// <summary>User column: a UInt32 key (ML.NET's matrix-factorisation convention).</summary>
    public string UserColumnName = InteractionColumns.User;

    /// <summary>Item column: a UInt32 key.</summary>
    public string ItemColumnName = InteractionColumns.Item;

    /// <summary>Label column: Single 0/1 (or a rating with <see cref="Binarization"/>), or Boolean.</summary>
    public string LabelColumnName = InteractionColumns.Label;

    /// <summary>Output column: the predicted probability of a positive label.</summary>
    public string ScoreColumnName = InteractionColumns.Score;

    /// <summary>The objective (default IPS).</summary>
    public DebiasingMethod Method = DebiasingMethod.Ips;

    /// <summary>Rule turning ratings into 0/1 labels at training time; null: labels must already be 0/1 (or Boolean).</summary>
    public RatingBinarization? Binarization;

    /// <summary>Latent dimension k of every factor model (prediction, weight, imputation, kernel features). Default 4.</summary>
    public int NumberOfFactors = 4;

    /// <summary>Initialisation of every factor model (default U(0, <see cref="InitializationScale"/>)).</summary>
    public EmbeddingInitialization Initialization = EmbeddingInitialization.Uniform;

    /// <summary>Upper bound of the uniform, or standard deviation of the normal initialisation. Default 1.</summary>
    public double InitializationScale = 1.0;

    /// <summary>Observed rows per mini-batch B. Default 128.</summary>
    public int BatchSize = 128;

    /// <summary>Maximum passes over the observed rows. Default 30.</summary>
    public int NumberOfEpochs = 30;

    /// <summary>Stop when the epoch loss improved by less than this relative amount for <see cref="EarlyStoppingPatience"/> epochs in a row. Default 1e-4.</summary>
    public double EarlyStoppingTolerance = 1e-4;

    /// <summary>Epochs without relative improvement before stopping; 0 turns early stopping off. Default 5.</summary>
    public int EarlyStoppingPatience = 5;

    /// <summary>Adam learning rate of the prediction model. Default 1e-2.</summary>
    public double LearningRate = 1e-2;

    /// <summary>
    /// L2 weight of the prediction model, on the factor rows of each batch: WeightDecay x mean(||W_u||^2 + ||H_i||^2). Default 0.1
    /// for every method (chosen on Coat, seed 0, for Naive MF, IPS and KBIPS alike from 0.01, 0.03, 0.1, 0.3; see docs/debiasing.md).
    /// </summary>
    public double WeightDecay = 0.1;

    /// <summary>Learning rate of the balancing weight model (KB methods); null: 1e-2 for KBDR and AKBDR, 5e-3 for KBIPS and AKBIPS.</summary>
    public double? WeightModelLearningRate;

    /// <summary>Weight decay of the balancing weight model (KB methods); null: 1e-1 for KBDR and AKBDR, 5e-2 for KBIPS and AKBIPS.</summary>
    public double? WeightModelWeightDecay;

    /// <summary>Learning rate of the imputation model (DR methods). Default 1e-2.</summary>
    public double ImputationLearningRate = 1e-2;

    /// <summary>L2 weight of the imputation model on each batch's rows (DR methods), as <see cref="WeightDecay"/>. Default 0.1.</summary>
    public double ImputationWeightDecay = 0.1;

    /// <summary>G: unobserved pairs drawn per observed row in each batch (G x B pairs, uniform over all pairs). Default 5 (spec: 5 on Coat, 4 on larger data).</summary>
    public int UnobservedRatio = 5;

    /// <summary>J: kernel centres taken from the batch's sampled pairs (KB methods: at random; AKB methods: the largest |eps|). Default 3.</summary>
    public int NumberOfCentres = 3;

    /// <summary>Kernel of the balancing loss (KB methods). Default Gaussian.</summary>
    public KernelKind Kernel = KernelKind.Gaussian;

    /// <summary>Kernel bandwidth gamma; null: the median heuristic (1 / median squared distance for Gaussian, 1 / median distance for exponential).</summary>
    public double? KernelGamma;

    /// <summary>
    /// AKB methods: ridge of the per-batch fit of the kernel coefficients eps (one per sampled pair), relative to the mean
    /// diagonal of K Kᵀ (K: observed rows x sampled pairs), so it does not depend on the kernel's scale. The fit has more
    /// coefficients than rows; the ridge picks the small-norm solution. Default 1e-3.
    /// </summary>
    public double AdaptiveCentreRidge = 1e-3;

    /// <summary>
    /// Column of user kernel features (a known-size vector of Single, the same on every row of a user) used, with
    /// <see cref="ItemKernelFeatureColumnName"/>, instead of the pretrained-MF embeddings as KB kernel features; null: pretrain
    /// an IPS factorisation inside Fit. Every user and item must appear in the training data. Set both or neither.
    /// </summary>
    public string? UserKernelFeatureColumnName;

    /// <summary>Column of item kernel features (a known-size vector of Single, the same on every row of an item); see <see cref="UserKernelFeatureColumnName"/>.</summary>
    public string? ItemKernelFeatureColumnName;

    /// <summary>
    /// libtorch intra-op threads while Fit runs (restored afterwards); null: leave libtorch's setting alone. The setting is
    /// process-wide, so concurrent fits see each other's value. On a loaded machine 1 thread can be many times faster for
    /// these small factorisations (docs/debiasing.md).
    /// </summary>
    public int? TorchThreads;

    /// <summary>Weight of the balancing loss in the weight model's objective (the paper's gamma). Default 1.</summary>
    public double BalanceWeight = 1.0;

    /// <summary>Hinge margin C of the balancing loss; null: 1e-4 for KBDR and AKBDR, 1e-2 for KBIPS and AKBIPS.</summary>
    public double? BalanceMargin;

    /// <summary>Hinge on each centre's imbalance instead of on the sum over centres (the reference sums). Default false.</summary>
    public bool PerCentreHinge;

    /// <summary>
    /// KB methods: divide the balancing weights by their batch mean in the prediction loss (and in KBDR's observed-error
    /// term), so balancing changes the relative weighting only and not the loss scale, which otherwise changes the
    /// effective strength of WeightDecay: with the spec's mean w BCE the weight model's entropy term pulls the mean weight to
    /// about 0.4 and, on Coat, KBIPS predicted about 0.5 everywhere (MSE 0.250) and KBDR collapsed (AUC 0.54).
    /// Default true; false is the spec's loss.
    /// </summary>
    public bool NormalizeBalancingWeights = true;

    /// <summary>Epochs of the plain IPS factorisation fitted inside Fit whose frozen embeddings are the kernel features (KB methods). Default 30.</summary>
    public int FeatureModelEpochs = 30;

    /// <summary>
    /// Column holding each training row's propensity P(O=1) in (0, 1]; null: fit <see cref="PropensityModel"/> inside Fit
    /// (Naive Bayes needs the MAR sample passed to the catalog).
    /// </summary>
    public string? PropensityColumnName;

    /// <summary>Propensity model fitted inside Fit when <see cref="PropensityColumnName"/> is null. Default Naive Bayes.</summary>
    public PropensityModelKind PropensityModel = PropensityModelKind.NaiveBayes;

    /// <summary>
    /// Divide the inverse propensities by their mean over the training rows, so they average 1 (every method, including the
    /// KB weight models' invprop factor). A constant factor: it leaves the IPS minimiser unchanged but keeps WeightDecay as
    /// strong relative to the loss as for Naive MF (with raw weights, about |D| / |O| on average, the same weight decay is that
    /// much weaker: on synthetic data raw IPS overfitted worse than Naive MF). Default true; false is the reference's scale.
    /// </summary>
    public bool NormalizeInversePropensities = true;

    /// <summary>Propensities are clipped to [this, 1] before inverting. Default 1e-3.</summary>
    public double PropensityClipMinimum = 1e-3;

    /// <summary>Seed of every random draw (initialisation, batch order, sampled pairs, centres). Same seed, same model (CPU).</summary>
    public int Seed;

    /// <summary>Rows per block when scoring. Default 1024.</summary>
    public int ScoringBatchSize = 1024;

    /// <summary>True for the methods that need propensities.</summary>
    internal bool NeedsPropensities => Method != DebiasingMethod.Naive;

    internal bool IsKernelBalanced => Method is DebiasingMethod.KbIps or DebiasingMethod.KbDr or DebiasingMethod.AkbIps or DebiasingMethod.AkbDr;

    internal bool HasAdaptiveCentres => Method is DebiasingMethod.AkbIps or DebiasingMethod.AkbDr;

    internal bool IsDoublyRobust => Method is DebiasingMethod.DrJl or DebiasingMethod.MrdrJl or DebiasingMethod.KbDr or DebiasingMethod.AkbDr;

    // The KB doubly robust methods share KBDR's Coat defaults, the IPS ones KBIPS's.
    private bool IsKernelDoublyRobust => Method is DebiasingMethod.KbDr or DebiasingMethod.AkbDr;

    internal bool HasSuppliedKernelFeatures => UserKernelFeatureColumnName is not null;

    internal double EffectiveWeightModelLearningRate => WeightModelLearningRate ?? (IsKernelDoublyRobust ? 1e-2 : 5e-3);

    internal double EffectiveWeightModelWeightDecay => WeightModelWeightDecay ?? (IsKernelDoublyRobust ? 1e-1 : 5e-2);

    internal double EffectiveBalanceMargin => BalanceMargin ?? (IsKernelDoublyRobust ? 1e-4 : 1e-2);

    internal DebiasedMatrixFactorizationOptions Clone() => (DebiasedMatrixFactorizationOptions)MemberwiseClone();

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> or <see cref="ArgumentException"/> naming the first invalid option.</summary>
    internal void Validate()
    {
        if (!Enum.IsDefined(Method))
            throw new ArgumentOutOfRangeException(nameof(Method), Method, "Unknown debiasing method.");
        if (!Enum.IsDefined(Initialization))
            throw new ArgumentOutOfRangeException(nameof(Initialization), Initialization, "Unknown initialisation.");
        if (!Enum.IsDefined(Kernel))
            throw new ArgumentOutOfRangeException(nameof(Kernel), Kernel, "Unknown kernel.");
        if (!Enum.IsDefined(PropensityModel))
            throw new ArgumentOutOfRangeException(nameof(PropensityModel), PropensityModel, "Unknown propensity model.");
        Positive(nameof(NumberOfFactors), NumberOfFactors);
        Positive(nameof(BatchSize), BatchSize);
        Positive(nameof(NumberOfEpochs), NumberOfEpochs);
        Positive(nameof(UnobservedRatio), UnobservedRatio);
        Positive(nameof(NumberOfCentres), NumberOfCentres);
        Positive(nameof(FeatureModelEpochs), FeatureModelEpochs);
        Positive(nameof(ScoringBatchSize), ScoringBatchSize);
        if (EarlyStoppingPatience < 0)
            throw new ArgumentOutOfRangeException(nameof(EarlyStoppingPatience), EarlyStoppingPatience, "EarlyStoppingPatience must be 0 (off) or positive.");
        if (NumberOfCentres > UnobservedRatio * BatchSize)
            throw new ArgumentOutOfRangeException(nameof(NumberOfCentres), NumberOfCentres,
                $"NumberOfCentres must be at most UnobservedRatio x BatchSize ({UnobservedRatio * BatchSize}): centres are drawn from the sampled pairs.");
        PositiveFinite(nameof(InitializationScale), InitializationScale);
        PositiveFinite(nameof(LearningRate), LearningRate);
        PositiveFinite(nameof(ImputationLearningRate), ImputationLearningRate);
        PositiveFinite(nameof(WeightModelLearningRate), EffectiveWeightModelLearningRate);
        NonNegativeFinite(nameof(WeightDecay), WeightDecay);
        NonNegativeFinite(nameof(WeightModelWeightDecay), EffectiveWeightModelWeightDecay);
        NonNegativeFinite(nameof(ImputationWeightDecay), ImputationWeightDecay);
        NonNegativeFinite(nameof(EarlyStoppingTolerance), EarlyStoppingTolerance);
        NonNegativeFinite(nameof(BalanceWeight), BalanceWeight);
        NonNegativeFinite(nameof(BalanceMargin), EffectiveBalanceMargin);
        if (KernelGamma is { } g)
            PositiveFinite(nameof(KernelGamma), g);
        PositiveFinite(nameof(AdaptiveCentreRidge), AdaptiveCentreRidge);
        if (TorchThreads is { } threads)
            Positive(nameof(TorchThreads), threads);
        if ((UserKernelFeatureColumnName is null) != (ItemKernelFeatureColumnName is null))
            throw new ArgumentException(
                $"Set both UserKernelFeatureColumnName and ItemKernelFeatureColumnName (user-supplied kernel features) or neither (pretrained-MF features); " +
                $"got '{UserKernelFeatureColumnName}' and '{ItemKernelFeatureColumnName}'.",
                UserKernelFeatureColumnName is null ? nameof(UserKernelFeatureColumnName) : nameof(ItemKernelFeatureColumnName));
        foreach (var (name, value) in new[] { (nameof(UserKernelFeatureColumnName), UserKernelFeatureColumnName), (nameof(ItemKernelFeatureColumnName), ItemKernelFeatureColumnName) })
            if (value is not null && string.IsNullOrWhiteSpace(value))
                throw new ArgumentException($"{name} must be null or a column name.", name);
        if (!(PropensityClipMinimum > 0 && PropensityClipMinimum <= 1))
            throw new ArgumentOutOfRangeException(nameof(PropensityClipMinimum), PropensityClipMinimum, "PropensityClipMinimum must be in (0, 1].");
        foreach (var (name, value) in new[]
                 {
                     (nameof(UserColumnName), UserColumnName), (nameof(ItemColumnName), ItemColumnName),
                     (nameof(LabelColumnName), LabelColumnName), (nameof(ScoreColumnName), ScoreColumnName),
                 })
            if (string.IsNullOrWhiteSpace(value))
                throw new ArgumentException($"{name} must not be empty.", name);
        if (PropensityColumnName is { } p && string.IsNullOrWhiteSpace(p))
            throw new ArgumentException("PropensityColumnName must be null (fit a propensity model) or a column name.", nameof(PropensityColumnName));
    }

    private static void Positive(string name, int value)
    {
        if (value <= 0)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
    }

    private static void PositiveFinite(string name, double value)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive finite number.");
    }

    private static void NonNegativeFinite(string name, double value)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a non-negative finite number.");
    }
}
