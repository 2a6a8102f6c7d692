namespace MLNetExtensions.Debiasing.Trainers.Kernels;

/// <summary>The kernel used to compare the features of two user-item pairs.</summary>
public enum KernelKind
{
    /// <summary>exp(-gamma ||x - y||^2).</summary>
    Gaussian,

    /// <summary>exp(-gamma ||x - y||) (Laplacian / exponential).</summary>
    Exponential,
}
