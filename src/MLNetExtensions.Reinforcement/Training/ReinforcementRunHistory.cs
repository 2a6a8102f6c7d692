using System.Text;
using System.Text.Json;
using Microsoft.Data.Analysis;

namespace MLNetExtensions.Reinforcement.Training;

/// <summary>
/// The per-step telemetry of a fine-tuning run, with the R = -a e^H + b fit, a DataFrame, JSON and entropy / reward plots.
/// </summary>
public sealed class ReinforcementRunHistory
{
    /// <summary>Creates a history of <paramref name="steps"/> run with <paramref name="options"/>.</summary>
    public ReinforcementRunHistory(GroupPolicyOptions options, IReadOnlyList<ReinforcementStep> steps)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(steps);
        Options = options;
        Steps = steps;
    }

    /// <summary>The options of the run (a copy).</summary>
    public GroupPolicyOptions Options { get; }

    /// <summary>One entry per step, in order.</summary>
    public IReadOnlyList<ReinforcementStep> Steps { get; }

    /// <summary>Total wall seconds of the steps.</summary>
    public double Seconds => Steps.Sum(s => s.Seconds);

    /// <summary>Share of steps where the observed entropy change has the sign of the predicted one (steps with a non-zero prediction).</summary>
    public double EntropySignAgreement
    {
        get
        {
            var informative = Steps.Where(s => s.PredictedEntropyChange != 0 && double.IsFinite(s.ObservedEntropyChange)).ToArray();
            return informative.Length == 0 ? double.NaN
                : informative.Count(s => Math.Sign(s.PredictedEntropyChange) == Math.Sign(s.ObservedEntropyChange)) / (double)informative.Length;
        }
    }

    /// <summary>Fits R = -a e^H + b to the steps' (mean entropy, mean reward).</summary>
    public EntropyRewardFit FitEntropyReward() =>
        EntropyRewardFit.Fit(Steps.Select(s => s.MeanEntropy).ToArray(), Steps.Select(s => s.MeanReward).ToArray());

    /// <summary>The steps as a DataFrame, one column per field (snake_case names as in <see cref="ToJson"/>).</summary>
    public DataFrame ToDataFrame()
    {
        var frame = new DataFrame();
        frame.Columns.Add(new PrimitiveDataFrameColumn<int>("step", Steps.Select(s => s.Step)));
        foreach (var (name, value) in DoubleFields)
            frame.Columns.Add(new PrimitiveDataFrameColumn<double>(name, Steps.Select(value)));
        foreach (var (name, value) in IntFields)
            frame.Columns.Add(new PrimitiveDataFrameColumn<int>(name, Steps.Select(value)));
        return frame;
    }

    /// <summary>The history as one JSON object: steps, the entropy-reward fit and the sign agreement (NaN written as null).</summary>
    public string ToJson(bool indented = false)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            w.WriteStartObject();
            w.WriteNumber("group_size", Options.GroupSize);
            w.WriteString("entropy_control", Options.EntropyControl.ToString());
            w.WriteNumber("entropy_coefficient", Options.EntropyCoefficient);
            w.WriteBoolean("empg", Options.UseEmpg);
            w.WriteNumber("learning_rate", Options.LearningRate);
            Number(w, "entropy_sign_agreement", EntropySignAgreement);
            if (Steps.Count >= 2 && Steps.Select(s => s.MeanEntropy).Distinct().Count() > 1)
            {
                var fit = FitEntropyReward();
                w.WriteStartObject("entropy_reward_fit");
                Number(w, "a", fit.A);
                Number(w, "b", fit.B);
                Number(w, "ceiling", fit.Ceiling);
                Number(w, "r_squared", fit.RSquared);
                w.WriteEndObject();
            }
            w.WriteStartArray("steps");
            foreach (var s in Steps)
            {
                w.WriteStartObject();
                w.WriteNumber("step", s.Step);
                foreach (var (name, value) in DoubleFields) Number(w, name, value(s));
                foreach (var (name, value) in IntFields) w.WriteNumber(name, value(s));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Saves the entropy curve (mean entropy per step) as a PNG.</summary>
    public void SaveEntropyPlot(string path) => ReinforcementPlots.SaveCurves(new Dictionary<string, ReinforcementRunHistory> { ["run"] = this },
        s => s.MeanEntropy, "mean policy entropy (nats)", "Entropy per step", path);

    /// <summary>Saves the reward curve (mean reward per step) as a PNG.</summary>
    public void SaveRewardPlot(string path) => ReinforcementPlots.SaveCurves(new Dictionary<string, ReinforcementRunHistory> { ["run"] = this },
        s => s.MeanReward, "mean reward", "Reward per step", path);

    internal static readonly (string Name, Func<ReinforcementStep, double> Value)[] DoubleFields =
    {
        ("mean_entropy", s => s.MeanEntropy),
        ("mean_reward", s => s.MeanReward),
        ("mean_pseudo_reward", s => s.MeanPseudoReward),
        ("cov_logp_advantage", s => s.Covariance),
        ("predicted_entropy_change", s => s.PredictedEntropyChange),
        ("observed_entropy_change", s => s.ObservedEntropyChange),
        ("loss", s => s.Loss),
        ("kl_to_reference", s => s.KlToReference),
        ("seconds", s => s.Seconds),
    };

    internal static readonly (string Name, Func<ReinforcementStep, int> Value)[] IntFields =
    {
        ("valid_tokens", s => s.ValidTokens),
        ("clipped_tokens", s => s.ClippedTokens),
        ("clip_cov_tokens", s => s.ClipCovTokens),
        ("kl_cov_tokens", s => s.KlCovTokens),
    };

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value);
        else w.WriteNull(name);
    }
}
