namespace MLNetExtensions.Sweeping;

/// <summary>Whether larger or smaller values of a sweep objective are better.</summary>
public enum ObjectiveDirection
{
    /// <summary>Larger is better, as for accuracy or AUC.</summary>
    Maximize,

    /// <summary>Smaller is better, as for log-loss, error or training time.</summary>
    Minimize,
}
