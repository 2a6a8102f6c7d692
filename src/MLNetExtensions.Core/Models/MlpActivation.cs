namespace MLNetExtensions.Models;

/// <summary>Non-linearity between the hidden layers of an MLP.</summary>
public enum MlpActivation
{
    /// <summary>max(0, x).</summary>
    ReLU,
    /// <summary>max(0.01 x, x).</summary>
    LeakyReLU,
    /// <summary>Hyperbolic tangent.</summary>
    Tanh,
    /// <summary>Gaussian error linear unit.</summary>
    Gelu,
    /// <summary>x * sigmoid(x) (swish).</summary>
    Silu,
}
