using Microsoft.Data.Analysis;
using MLNetExtensions.Sweeping;
using Xunit;
using static MLNetExtensions.Tests.Core.Sweeping.SweepTestData;

namespace MLNetExtensions.Tests.Core.Sweeping;

public class SweepResultTests
{
    private static readonly SweepResult<TestOptions> Result = SweepTestData.Result(
        ObjectiveDirection.Maximize,
        ObjectiveDirection.Minimize,
        Trial(0, 0.9, 5),
        new SweepTrial<TestOptions>(
            1, new TestOptions(), new ParameterSet([new("LearningRate", 0.2), new("Optimizer", "adam")]),
            new Dictionary<string, double> { ["A"] = 0.5 }, null, TimeSpan.Zero, TimeSpan.FromSeconds(1), "Objective 'B' is NaN.", null),
        Trial(2, 0.8, 1));

    [Fact]
    public void DataFrameHasOneRowPerTrialAndTypedColumns()
    {
        DataFrame frame = Result.ToDataFrame();

        Assert.Equal(3, frame.Rows.Count);
        Assert.Equal(["Trial", "LearningRate", "Optimizer", "A", "B", "DurationSeconds", "Error"], frame.Columns.Select(c => c.Name));
        Assert.IsType<Int32DataFrameColumn>(frame.Columns["Trial"]);
        Assert.IsType<StringDataFrameColumn>(frame.Columns["LearningRate"]);
        Assert.IsType<DoubleDataFrameColumn>(frame.Columns["A"]);

        Assert.Equal("0.30000000000000004", frame.Columns["LearningRate"][2]); // 0.1 * 3, round-trip text
        Assert.Equal(0.5, frame.Columns["A"][1]);
        Assert.Null(frame.Columns["B"][1]);
        Assert.Equal(2.5, frame.Columns["DurationSeconds"][2]);
        Assert.Null(frame.Columns["Error"][0]);
        Assert.Equal("Objective 'B' is NaN.", frame.Columns["Error"][1]);
    }

    [Fact]
    public void ToStringIsATable()
    {
        string text = Result.ToString();
        string[] lines = text.Split(Environment.NewLine);

        Assert.Equal("Sweep of TestOptions: 3 trials, 2 succeeded", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.Contains("LearningRate", lines[1], StringComparison.Ordinal);
        Assert.Contains("A (max)", lines[1], StringComparison.Ordinal);
        Assert.Contains("B (min)", lines[1], StringComparison.Ordinal);
        Assert.Contains("0.9*", lines[2], StringComparison.Ordinal);   // best A
        Assert.Contains("1*", lines[4], StringComparison.Ordinal);     // best B
        Assert.Contains("failed: Objective 'B' is NaN.", lines[3], StringComparison.Ordinal);
        // Columns line up: every row puts the objective A column at the same offset.
        int column = lines[1].IndexOf("A (max)", StringComparison.Ordinal);
        Assert.Equal("0.9*", lines[2].Substring(column, 4));
    }

    [Fact]
    public void TrialToStringSummarises()
    {
        Assert.Equal("Trial 2: LearningRate=0.30000000000000004, Optimizer=adam -> A=0.8, B=1 (2.50s)", Result.Trials[2].ToString());
        Assert.StartsWith("Trial 1: ", Result.Trials[1].ToString(), StringComparison.Ordinal);
        Assert.EndsWith("(failed: Objective 'B' is NaN.)", Result.Trials[1].ToString(), StringComparison.Ordinal);
    }
}
