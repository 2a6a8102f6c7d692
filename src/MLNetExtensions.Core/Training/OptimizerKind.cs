namespace MLNetExtensions.Training;

/// <summary>Gradient-descent optimiser used by Torch trainers.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (Kingma and Ba, 2015); weight decay added to the gradient (L2).</summary>
    Adam,
    /// <summary>AdamW: Adam with decoupled weight decay.</summary>
    AdamW,
    /// <summary>Stochastic gradient descent with Nesterov momentum 0.9.</summary>
    Sgd,
    /// <summary>RMSprop.</summary>
    RmsProp,
}
