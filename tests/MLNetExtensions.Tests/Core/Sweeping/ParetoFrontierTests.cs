using MLNetExtensions.Sweeping;
using Xunit;
using static MLNetExtensions.Tests.Core.Sweeping.SweepTestData;

namespace MLNetExtensions.Tests.Core.Sweeping;

public class ParetoFrontierTests
{
    // (A, B) per trial index:
    // 0: (0.90, 5)  1: (0.85, 2)  2: (0.80, 3)  3: (0.95, 9)  4: (0.90, 6)
    // 5: (0.70, 1)  6: (0.85, 2)  7: failed with (0.99, 0)  8: (0.95, 10)
    private static readonly SweepTrial<TestOptions>[] Trials =
    [
        Trial(0, 0.90, 5), Trial(1, 0.85, 2), Trial(2, 0.80, 3), Trial(3, 0.95, 9), Trial(4, 0.90, 6),
        Trial(5, 0.70, 1), Trial(6, 0.85, 2), Trial(7, 0.99, 0, error: "boom"), Trial(8, 0.95, 10),
    ];

    [Fact]
    public void MaximizeAMinimizeB()
    {
        // By hand, A up and B down: 2 is dominated by 1 (0.85 >= 0.80, 2 <= 3); 4 by 0 (same A, 5 < 6);
        // 8 by 3 (same A, 9 < 10). 1 and 6 tie exactly, so neither dominates the other and both stay.
        // 7 would dominate everything but failed, so it is ignored. Frontier sorted by A: 5, 1, 6, 0, 3.
        var result = Result(ObjectiveDirection.Maximize, ObjectiveDirection.Minimize, Trials);

        var frontier = result.ParetoFrontier("A", "B");

        Assert.Equal([5, 1, 6, 0, 3], frontier.Select(t => t.Index));
    }

    [Fact]
    public void MinimizeAMaximizeB()
    {
        // By hand, A down and B up: 1 and 6 are dominated by 2 (0.80 <= 0.85, 3 >= 2); 0 by 4 (same A, 6 > 5);
        // 3 by 8 (same A, 10 > 9). 5 has the lowest A, 4 and 8 the highest B for their A. Sorted by A: 5, 2, 4, 8.
        var result = Result(ObjectiveDirection.Minimize, ObjectiveDirection.Maximize, Trials);

        Assert.Equal([5, 2, 4, 8], result.ParetoFrontier("A", "B").Select(t => t.Index));
    }

    [Fact]
    public void BothMaximizedKeepsOnlyTheCorner()
    {
        // By hand, both up: 8 has the highest A (tied with 3) and the highest B, so it dominates every other trial.
        var result = Result(ObjectiveDirection.Maximize, ObjectiveDirection.Maximize, Trials);

        Assert.Equal([8], result.ParetoFrontier("A", "B").Select(t => t.Index));
    }

    [Fact]
    public void BestRespectsDirectionAndSkipsFailures()
    {
        var maxA = Result(ObjectiveDirection.Maximize, ObjectiveDirection.Minimize, Trials);
        var minA = Result(ObjectiveDirection.Minimize, ObjectiveDirection.Maximize, Trials);

        Assert.Equal(3, maxA.Best("A").Index); // 3 and 8 tie on 0.95: the earlier wins
        Assert.Equal(5, maxA.Best("B").Index);
        Assert.Equal(5, minA.Best("A").Index);
        Assert.Equal(8, minA.Best("B").Index);
    }

    [Fact]
    public void UnknownObjectiveIsNamedInTheError()
    {
        var result = Result(ObjectiveDirection.Maximize, ObjectiveDirection.Minimize, Trials);

        var error = Assert.Throws<ArgumentException>(() => result.ParetoFrontier("A", "C"));
        Assert.Contains("'C'", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => result.Best("Accuracy"));
    }
}
