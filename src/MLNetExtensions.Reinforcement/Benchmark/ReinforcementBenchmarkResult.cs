using System.Globalization;
using System.Text;
using System.Text.Json;
using MLNetExtensions.Reinforcement.Training;

namespace MLNetExtensions.Reinforcement.Benchmark;

/// <summary>Mean and std (sample, n - 1; 0 for one value) of a figure over seeds, with the values.</summary>
public sealed class FigureSummary
{
    /// <summary>Summarises <paramref name="values"/>.</summary>
    public FigureSummary(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("No values to summarise.", nameof(values));
        Values = values;
        Mean = values.Average();
        Std = values.Count < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - Mean) * (v - Mean)) / (values.Count - 1));
    }

    /// <summary>Per-seed values.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>Mean over seeds.</summary>
    public double Mean { get; }

    /// <summary>Sample standard deviation over seeds.</summary>
    public double Std { get; }
}

/// <summary>One method's figures over seeds and its run histories.</summary>
/// <param name="Method">Method name.</param>
/// <param name="Figures">Figure summaries by name.</param>
/// <param name="Histories">The run history of each seed, in seed order.</param>
public sealed record ReinforcementMethodSummary(string Method, IReadOnlyDictionary<string, FigureSummary> Figures, IReadOnlyList<ReinforcementRunHistory> Histories);

/// <summary>The result of <see cref="ReinforcementBenchmark.Run"/>: JSON, a Markdown table and curve plots.</summary>
/// <param name="Task">Task name.</param>
/// <param name="Seeds">The seeds run.</param>
/// <param name="Steps">Steps per run.</param>
/// <param name="FigureNames">Figures in report order.</param>
/// <param name="Methods">Per-method summaries in run order.</param>
public sealed record ReinforcementBenchmarkResult(string Task, IReadOnlyList<int> Seeds, int Steps, IReadOnlyList<string> FigureNames,
    IReadOnlyList<ReinforcementMethodSummary> Methods)
{
    /// <summary>One JSON object: benchmark "rl", task, seeds, steps, and per method per figure {mean, std, values}.</summary>
    public string ToJson(bool indented = false)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            w.WriteStartObject();
            w.WriteString("benchmark", "rl");
            w.WriteString("task", Task);
            w.WriteStartArray("seeds");
            foreach (int s in Seeds) w.WriteNumberValue(s);
            w.WriteEndArray();
            w.WriteNumber("steps", Steps);
            w.WriteStartObject("methods");
            foreach (var m in Methods)
            {
                w.WriteStartObject(m.Method);
                foreach (var name in FigureNames)
                {
                    var f = m.Figures[name];
                    w.WriteStartObject(name);
                    Number(w, "mean", f.Mean);
                    Number(w, "std", f.Std);
                    w.WriteStartArray("values");
                    foreach (var v in f.Values)
                        if (double.IsFinite(v)) w.WriteNumberValue(v); else w.WriteNullValue();
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A Markdown table: one row per method, "mean ± std" per figure.</summary>
    public string ToTable()
    {
        var text = new StringBuilder();
        text.AppendLine(FormattableString.Invariant($"rl benchmark, task {Task}, seeds {string.Join(",", Seeds)}, {Steps} steps"));
        text.AppendLine("| method | " + string.Join(" | ", FigureNames) + " |");
        text.AppendLine("|---|" + string.Concat(FigureNames.Select(_ => "---|")));
        foreach (var m in Methods)
            text.AppendLine("| " + m.Method + " | " + string.Join(" | ", FigureNames.Select(n =>
                string.Create(CultureInfo.InvariantCulture, $"{m.Figures[n].Mean:G4} ± {m.Figures[n].Std:G2}"))) + " |");
        return text.ToString();
    }

    /// <summary>Saves the mean-entropy and mean-reward curves of each method's first seed (entropy.png, reward.png names given).</summary>
    public void SavePlots(string entropyPath, string rewardPath)
    {
        var runs = Methods.ToDictionary(m => m.Method, m => m.Histories[0]);
        ReinforcementPlots.SaveCurves(runs, s => s.MeanEntropy, "mean policy entropy at sampled states (nats)",
            $"{Task}: entropy per step (seed {Seeds[0]})", entropyPath);
        ReinforcementPlots.SaveCurves(runs, s => s.MeanReward, "mean sampled reward", $"{Task}: reward per step (seed {Seeds[0]})", rewardPath, legendAtBottom: true);
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value); else w.WriteNull(name);
    }
}
