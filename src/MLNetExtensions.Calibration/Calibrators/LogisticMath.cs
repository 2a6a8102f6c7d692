namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>Numerically stable logistic helpers shared by the calibrators (all in double precision).</summary>
internal static class LogisticMath
{
    /// <summary>Probabilities are clipped to [Epsilon, 1 - Epsilon] before taking logs, as scikit-learn's log loss does.</summary>
    public const double Epsilon = 1e-15;

    /// <summary>1 / (1 + e^-z) without overflow.</summary>
    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary>ln(1 + e^z) without overflow.</summary>
    public static double Softplus(double z) => z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z));

    /// <summary>ln(p / (1 - p)) with p clipped to [Epsilon, 1 - Epsilon].</summary>
    public static double Logit(double p)
    {
        p = Math.Clamp(p, Epsilon, 1 - Epsilon);
        return Math.Log(p) - Math.Log(1 - p);
    }

    /// <summary>ln(max(p, Epsilon)): the log of a probability, finite for p = 0.</summary>
    public static double SafeLog(double p) => Math.Log(Math.Max(p, Epsilon));

    /// <summary>Binary log loss of logit <paramref name="z"/> for label <paramref name="y"/> in {0, 1}: softplus(z) - y z.</summary>
    public static double LogLoss(double z, double y) => Softplus(z) - y * z;
}
