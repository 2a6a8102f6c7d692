namespace MLNetExtensions.Debiasing.Trainers;

/// <summary>How the factor matrices (prediction, weight and imputation models) are initialised. One choice applies to every model and method.</summary>
public enum EmbeddingInitialization
{
    /// <summary>U(0, scale): the reference kernel-balancing predictor's choice (default).</summary>
    Uniform,

    /// <summary>N(0, scale^2): the reference baselines' choice.</summary>
    Normal,
}
