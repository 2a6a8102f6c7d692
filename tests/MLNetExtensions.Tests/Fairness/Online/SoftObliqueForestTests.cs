using MLNetExtensions.Fairness.Online;
using MLNetExtensions.Torch;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MLNetExtensions.Tests.Fairness.Online;

/// <summary>Routing and outputs of the soft oblique trees against hand computations (aranyani_golden.py, numpy 1.24).</summary>
public sealed class SoftObliqueForestTests
{
    [Fact]
    public void RoutingMasksFollowTheHeapOrder()
    {
        // Depth 2: root 0 with children 1 (left) and 2 (right); leaves 0, 1 under node 1, leaves 2, 3 under node 2.
        var (left, right) = SoftObliqueForest.RoutingMasks(2);
        Assert.Equal(new float[,] { { 1, 1, 0, 0 }, { 1, 0, 0, 0 }, { 0, 0, 1, 0 } }, left);
        Assert.Equal(new float[,] { { 0, 0, 1, 1 }, { 0, 1, 0, 0 }, { 0, 0, 0, 1 } }, right);
        // Every leaf has exactly depth ancestors.
        var (left4, right4) = SoftObliqueForest.RoutingMasks(4);
        for (int l = 0; l < 16; l++)
            Assert.Equal(4, Enumerable.Range(0, 15).Sum(i => left4[i, l] + right4[i, l]));
    }

    private static SoftObliqueForest GoldenForest(int trees)
    {
        TorchNative.EnsureLoaded();
        var forest = new SoftObliqueForest(2, trees, 2, CPU);
        // Tree 0: w = [[1, -1], [0.5, 0.5], [-2, 1]], b = [0.5, -1, 0], theta as below; tree 1 (if any) all zero.
        var values = new float[forest.ParameterCount];
        float[] w = { 1, -1, 0.5f, 0.5f, -2, 1 };
        float[] b = { 0.5f, -1, 0 };
        float[] theta = { 0.2f, 1.0f, 1.5f, -0.5f, 0, 0.3f, -1, 2 };
        w.CopyTo(values, 0);
        b.CopyTo(values, (int)forest.WeightCount);
        theta.CopyTo(values, (int)(forest.WeightCount + forest.BiasCount));
        using (no_grad())
            forest.Values.copy_(tensor(values));
        return forest;
    }

    [Fact]
    public void OneTreeMatchesTheHandComputation()
    {
        using var forest = GoldenForest(1);
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 0.3f, -0.2f }).view(1, 2);
        var (probabilities, decisions) = forest.Forward(x);
        Assert.Equal(new[] { 0.7310585786300049, 0.27888482197713693, 0.31002551887238755 }, decisions.data<float>().Select(v => (double)v), Close);
        var leaves = forest.LeafProbabilities(x).data<float>().Select(v => (double)v).ToArray();
        Assert.Equal(new[] { 0.20388114155608766, 0.5271774370739172, 0.08337870370651015, 0.18556271766348498 }, leaves, Close);
        Assert.Equal(1.0, leaves.Sum(), 6);
        Assert.Equal(new[] { 0.571827608065038, 0.428172391934962 }, probabilities.data<float>().Select(v => (double)v), Close);
    }

    [Fact]
    public void TheForestIsTheMeanOfItsTrees()
    {
        using var forest = GoldenForest(2);
        using var scope = NewDisposeScope();
        var (probabilities, decisions) = forest.Forward(tensor(new float[] { 0.3f, -0.2f }).view(1, 2));
        Assert.Equal(new long[] { 1, 2, 3 }, decisions.shape);
        Assert.Equal(new[] { 0.535913804032519, 0.464086195967481 }, probabilities.data<float>().Select(v => (double)v), Close);
        // Predict standardises with the buffers: (x - shift) * scale maps raw (0.8, 0.3) to (0.3, -0.2).
        forest.SetStandardization(new float[] { 0.5f, 0.1f }, new float[] { 1f, -1f });
        var p = forest.Predict(tensor(new float[] { 0.8f, 0.3f }).view(1, 2)).data<float>()[0];
        Assert.Equal(0.464086195967481, p, 5);
    }

    [Fact]
    public void ParameterCountIsTreesTimesNodesTimesWidthPlusLeaves()
    {
        TorchNative.EnsureLoaded();
        using var forest = new SoftObliqueForest(14, 3, 4, CPU);
        Assert.Equal(3 * 15 * 14, forest.WeightCount);
        Assert.Equal(3 * 15, forest.BiasCount);
        Assert.Equal(3 * (15 * 15 + 16 * 2), forest.ParameterCount);
        Assert.Equal(new long[] { 3, 15, 14 }, forest.Weights.shape);
        Assert.Equal(new long[] { 3, 16, 2 }, forest.LeafLogits.shape);
    }

    private static readonly IEqualityComparer<double> Close = new Tolerance(1e-6);

    private sealed class Tolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
