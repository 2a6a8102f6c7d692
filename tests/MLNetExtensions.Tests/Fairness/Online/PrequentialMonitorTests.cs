using MLNetExtensions.Fairness.Online;
using Xunit;

namespace MLNetExtensions.Tests.Fairness.Online;

/// <summary>Cumulative and windowed prequential figures against counts by hand.</summary>
public sealed class PrequentialMonitorTests
{
    [Fact]
    public void CumulativeAndWindowedFiguresMatchCountsByHand()
    {
        var monitor = new PrequentialMonitor(groups: 3, window: 3, interval: 2);
        // (group, probability, label): predicted = p > 0.5.
        monitor.Add(0, 0.9, true);    // pred 1, correct
        monitor.Add(1, 0.2, true);    // pred 0, wrong
        monitor.Add(0, 0.6, false);   // pred 1, wrong
        monitor.Add(1, 0.7, true);    // pred 1, correct
        monitor.Add(0, 0.4, false);   // pred 0, correct
        monitor.Finish();
        Assert.Equal(new long[] { 2, 4, 5 }, monitor.Points.Select(p => p.Rows));
        var p2 = monitor.Points[0];
        Assert.Equal(0.5, p2.Accuracy);
        Assert.Equal(1.0, p2.DemographicParityDifference);   // group 0: 1/1, group 1: 0/1
        var p5 = monitor.Points[2];
        Assert.Equal(3 / 5.0, p5.Accuracy, 12);
        Assert.Equal(2 / 3.0 - 1 / 2.0, p5.DemographicParityDifference!.Value, 12);   // group 0: 2/3, group 1: 1/2
        // Window = rows 3..5: (0, pred 1, wrong), (1, pred 1, correct), (0, pred 0, correct).
        Assert.Equal(2 / 3.0, p5.WindowAccuracy, 12);
        Assert.Equal(1 - 0.5, p5.WindowDemographicParityDifference!.Value, 12);   // group 1: 1/1, group 0: 1/2
        double logLoss = -(Math.Log(0.9) + Math.Log(0.2) + Math.Log(0.4) + Math.Log(0.7) + Math.Log(0.6)) / 5;
        Assert.Equal(logLoss, p5.LogLoss, 12);
        // Group 2 never appeared: it does not enter the DP difference.
        Assert.Equal(0, monitor.GroupCount(2));
    }

    [Fact]
    public void OneGroupHasNoDemographicParityDifference()
    {
        var monitor = new PrequentialMonitor(2, 10, 1);
        monitor.Add(1, 0.8, true);
        Assert.Null(monitor.Points[0].DemographicParityDifference);
        Assert.Null(monitor.Points[0].WindowDemographicParityDifference);
    }
}
