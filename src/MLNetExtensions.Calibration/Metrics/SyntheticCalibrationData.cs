namespace MLNetExtensions.Calibration.Metrics;

/// <summary>
/// Binary data with KNOWN true probabilities, for checking calibration metrics: the true logit is
/// z ~ N(<see cref="LogitMean"/>, <see cref="LogitStandardDeviation"/>^2), p = sigmoid(z), y ~ Bernoulli(p), and a
/// "model" predicts p_hat = sigmoid(<see cref="Slope"/> z + <see cref="Intercept"/> + e), e ~ N(0, <see cref="PredictionNoise"/>^2).
/// Slope 1, intercept 0 and no noise is perfectly calibrated; slope &gt; 1 is over-confident, &lt; 1 under-confident;
/// noise lowers discrimination. Because the joint law is known, the population calibration errors are computed
/// exactly (by numerical integration), so estimators can be compared with the truth.
/// </summary>
public sealed class SyntheticCalibrationData
{
    private const int OuterPoints = 4001, InnerPoints = 201;

    /// <summary>Creates the generator and integrates its true calibration errors.</summary>
    public SyntheticCalibrationData(double slope = 2.0, double intercept = 0.0, double predictionNoise = 0.0,
        double logitMean = 0.0, double logitStandardDeviation = 1.5)
    {
        if (!(slope > 0) || double.IsInfinity(slope))
            throw new ArgumentOutOfRangeException(nameof(slope), slope, "The slope must be positive and finite (a monotone distortion).");
        if (!double.IsFinite(intercept))
            throw new ArgumentOutOfRangeException(nameof(intercept), intercept, "The intercept must be finite.");
        if (!(predictionNoise >= 0) || double.IsInfinity(predictionNoise))
            throw new ArgumentOutOfRangeException(nameof(predictionNoise), predictionNoise, "The prediction noise must be a finite value >= 0.");
        if (!double.IsFinite(logitMean))
            throw new ArgumentOutOfRangeException(nameof(logitMean), logitMean, "The logit mean must be finite.");
        if (!(logitStandardDeviation > 0) || double.IsInfinity(logitStandardDeviation))
            throw new ArgumentOutOfRangeException(nameof(logitStandardDeviation), logitStandardDeviation, "The logit standard deviation must be positive and finite.");
        Slope = slope;
        Intercept = intercept;
        PredictionNoise = predictionNoise;
        LogitMean = logitMean;
        LogitStandardDeviation = logitStandardDeviation;
        (TrueCalibrationError, TrueL2CalibrationError, TrueKsCalibrationError) = Integrate();
    }

    /// <summary>Multiplier of the true logit in the prediction.</summary>
    public double Slope { get; }

    /// <summary>Shift of the predicted logit.</summary>
    public double Intercept { get; }

    /// <summary>Standard deviation of the per-row noise added to the predicted logit.</summary>
    public double PredictionNoise { get; }

    /// <summary>Mean of the true logit.</summary>
    public double LogitMean { get; }

    /// <summary>Standard deviation of the true logit.</summary>
    public double LogitStandardDeviation { get; }

    /// <summary>True L1 calibration error E|p_hat - E[y | p_hat]| of the population.</summary>
    public double TrueCalibrationError { get; }

    /// <summary>True L2 calibration error sqrt(E (p_hat - E[y | p_hat])^2).</summary>
    public double TrueL2CalibrationError { get; }

    /// <summary>True KS calibration error max_c |E[(p_hat - E[y | p_hat]) 1{p_hat &lt;= c}]|.</summary>
    public double TrueKsCalibrationError { get; }

    /// <summary>
    /// Draws <paramref name="count"/> rows with a seeded generator. The true probabilities and labels depend only on
    /// the seed and the true-logit law, not on the distortion, so models drawn with the same seed share a test set.
    /// </summary>
    public SyntheticCalibrationSample Draw(int count, int seed)
    {
        if (count < 1)
            throw new ArgumentOutOfRangeException(nameof(count), count, "At least one row is needed.");
        // Truth and labels come from one stream, the prediction noise from another, so every model drawn with the
        // same seed is scored on the same test set (same p and y), as in a comparison of models.
        var random = new Random(seed);
        var noiseRandom = new Random(unchecked(seed * 7919 + 104729));
        var truth = new double[count];
        var predicted = new double[count];
        var labels = new float[count];
        for (int i = 0; i < count; i++)
        {
            double z = LogitMean + LogitStandardDeviation * Normal(random);
            double noise = PredictionNoise > 0 ? PredictionNoise * Normal(noiseRandom) : 0;
            truth[i] = Sigmoid(z);
            predicted[i] = Sigmoid(Slope * z + Intercept + noise);
            labels[i] = random.NextDouble() < truth[i] ? 1f : 0f;
        }
        return new SyntheticCalibrationSample(truth, predicted, labels);
    }

    private static double Normal(Random random)
    {
        // Box-Muller; 1 - U keeps the logarithm finite.
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    internal static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    /// <summary>
    /// u = Slope z + Intercept + e is Gaussian and (z, u) jointly Gaussian, so E[y | p_hat] = E[sigmoid(z) | u]
    /// with z | u Gaussian; integrate over u (trapezoid, +-9 sd) and over z | u (trapezoid, +-8 sd).
    /// </summary>
    private (double L1, double L2, double Ks) Integrate()
    {
        double s2 = LogitStandardDeviation * LogitStandardDeviation;
        double meanU = Slope * LogitMean + Intercept;
        double varianceU = Slope * Slope * s2 + PredictionNoise * PredictionNoise;
        double sdU = Math.Sqrt(varianceU);
        double gain = Slope * s2 / varianceU;
        double sdConditional = Math.Sqrt(Math.Max(0, s2 - gain * gain * varianceU));
        double du = 18 * sdU / (OuterPoints - 1);
        double dx = 16.0 / (InnerPoints - 1);
        double l1 = 0, l2 = 0, cumulative = 0, ks = 0;
        for (int i = 0; i < OuterPoints; i++)
        {
            double u = meanU - 9 * sdU + i * du;
            double density = Math.Exp(-0.5 * Math.Pow((u - meanU) / sdU, 2)) / (sdU * Math.Sqrt(2 * Math.PI));
            double conditionalMean = LogitMean + gain * (u - meanU);
            double outcome;
            if (sdConditional == 0)
                outcome = Sigmoid(conditionalMean);
            else
            {
                double sum = 0, mass = 0;
                for (int j = 0; j < InnerPoints; j++)
                {
                    double x = -8 + j * dx;
                    double w = Math.Exp(-0.5 * x * x) * (j == 0 || j == InnerPoints - 1 ? 0.5 : 1);
                    sum += w * Sigmoid(conditionalMean + sdConditional * x);
                    mass += w;
                }
                outcome = sum / mass;
            }
            double gap = Sigmoid(u) - outcome;
            double weight = density * du * (i == 0 || i == OuterPoints - 1 ? 0.5 : 1);
            l1 += weight * Math.Abs(gap);
            l2 += weight * gap * gap;
            // p_hat = sigmoid(u) increases with u, so ordering by u is ordering by p_hat.
            cumulative += weight * gap;
            ks = Math.Max(ks, Math.Abs(cumulative));
        }
        return (l1, Math.Sqrt(l2), ks);
    }
}
