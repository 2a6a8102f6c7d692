using Microsoft.ML;
using MLNetExtensions.Sweeping;

namespace MLNetExtensions.Tests.Core.Sweeping;

public enum TestMode
{
    Fast,
    Careful,
}

/// <summary>An options class shaped like ML.NET's: public fields, some nullable, plus properties.</summary>
public class TestOptions
{
    public double LearningRate = 0.1;
    public float Momentum = 0.5f;
    public float? Decay;
    public int Epochs = 10;
    public long BatchSize = 32;
    public string Optimizer = "sgd";
    public TestMode Mode = TestMode.Fast;
    public int[] Layers = [16];
    public readonly int Fixed = 1;

    public double Dropout { get; set; } = 0.2;

    public int Computed => Epochs * 2;

    public int Positive
    {
        get;
        set => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), "Positive must be > 0.");
    } = 1;
}

/// <summary>Derives from <see cref="TestOptions"/>, as ML.NET options inherit their column names.</summary>
public sealed class DerivedTestOptions : TestOptions
{
    public double Extra = 3;
}

/// <summary>Options for a cheap estimator, for sweeps that test the runner rather than training.</summary>
public sealed class CopyOptions
{
    public string OutputColumnName = "LabelCopy";
    public int Setting = 1;
}

/// <summary>Collects reports synchronously (<see cref="Progress{T}"/> would post them asynchronously).</summary>
public sealed class ListProgress<T> : IProgress<T>
{
    public List<T> Reports { get; } = [];

    public void Report(T value) => Reports.Add(value);
}

public sealed class LabelRow
{
    public bool Label { get; set; }

    public float Feature { get; set; }
}

internal static class SweepTestData
{
    public static IDataView SmallLabelData(MLContext ml) =>
        ml.Data.LoadFromEnumerable(Enumerable.Range(0, 8).Select(i => new LabelRow { Label = i % 2 == 0, Feature = i }));

    /// <summary>A hand-made trial with objective values "A" and "B" (or an error).</summary>
    public static SweepTrial<TestOptions> Trial(int index, double a, double b, string? error = null) => new(
        index,
        new TestOptions(),
        new ParameterSet([new("LearningRate", 0.1 * (index + 1)), new("Optimizer", "adam")]),
        new Dictionary<string, double> { ["A"] = a, ["B"] = b },
        model: null,
        fitDuration: TimeSpan.FromSeconds(index),
        duration: TimeSpan.FromSeconds(index + 0.5),
        error,
        exception: null);

    public static SweepResult<TestOptions> Result(
        ObjectiveDirection directionA, ObjectiveDirection directionB, params SweepTrial<TestOptions>[] trials) => new(
        trials,
        [new SweepObjective("A", directionA, _ => 0), new SweepObjective("B", directionB, _ => 0)],
        ["LearningRate", "Optimizer"]);
}
