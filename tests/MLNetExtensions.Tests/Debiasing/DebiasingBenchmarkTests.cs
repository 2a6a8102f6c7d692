using System.Text.Json;
using MLNetExtensions.Debiasing.Benchmark;
using MLNetExtensions.Debiasing.Synthetic;
using MLNetExtensions.Debiasing.Trainers;
using Xunit;

namespace MLNetExtensions.Tests.Debiasing;

/// <summary>The benchmark runner behind <c>mlnetx bench debiasing</c>: names, validation, seeds, JSON.</summary>
public sealed class DebiasingBenchmarkTests
{
    private static DebiasingBenchmarkData Tiny() =>
        DebiasingBenchmarkData.Synthetic(new SyntheticMnarOptions { Users = 50, Items = 30, MarSampleSize = 200, Seed = 3 });

    [Fact]
    public void MethodNamesRoundTrip()
    {
        Assert.Equal(new[] { "mf", "ips", "snips", "dr_jl", "mrdr_jl", "kbips", "kbdr", "akbips", "akbdr" }, DebiasingBenchmark.AllMethods.Select(DebiasingBenchmark.MethodName));
        foreach (var method in DebiasingBenchmark.AllMethods)
        {
            Assert.True(DebiasingBenchmark.TryParseMethod(DebiasingBenchmark.MethodName(method).ToUpperInvariant(), out var parsed));
            Assert.Equal(method, parsed);
        }
        Assert.True(DebiasingBenchmark.TryParseMethod("naive", out var naive));
        Assert.Equal(DebiasingMethod.Naive, naive);
        Assert.False(DebiasingBenchmark.TryParseMethod("bpr", out _));
    }

    [Theory]
    [InlineData(0, 1, "Seeds")]
    [InlineData(1, 0, "Epochs")]
    public void InvalidOptionsThrow(int seeds, int epochs, string name)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => DebiasingBenchmark.Run(Tiny(), new DebiasingBenchmarkOptions { Seeds = seeds, Epochs = epochs }));
        Assert.Contains(name, e.Message);
    }

    [Fact]
    public void TwoSeedsGiveMeanAndStdInTheChosenOrder()
    {
        var result = DebiasingBenchmark.Run(Tiny(), new DebiasingBenchmarkOptions
        {
            Seeds = 2, Epochs = 2, Methods = new[] { DebiasingMethod.Ips, DebiasingMethod.Naive },
        });
        Assert.Equal(new[] { "ips", "mf" }, result.Methods.Select(m => m.Name));
        foreach (var method in result.Methods)
        {
            foreach (var key in DebiasingBenchmark.MetricNames)
                Assert.True(method.Metrics.ContainsKey(key), key);
            Assert.InRange(method.Metrics["mse"].Mean, 0, 1);
            Assert.True(method.Metrics["seconds_per_fit"].Mean > 0);
            Assert.True(method.Metrics["mse"].Std >= 0);
        }
        Assert.Contains("separate MAR sample", result.MarSample);
        Assert.Contains("mse", result.ToString());
    }

    [Fact]
    public void SuppliedKernelFeaturesUseTheDataSetsSideFeatures()
    {
        // Dense enough that every user and item has a training row (supplied features are read from the rows).
        var data = DebiasingBenchmarkData.Synthetic(new SyntheticMnarOptions { Users = 40, Items = 30, BaseObservationRate = 0.3, MarSampleSize = 200, Seed = 3 });
        var options = new DebiasingBenchmarkOptions { Seeds = 1, Epochs = 2, Methods = new[] { DebiasingMethod.AkbIps } };
        var supplied = DebiasingBenchmark.Run(data, options with { SuppliedKernelFeatures = true });
        var pretrained = DebiasingBenchmark.Run(data, options);
        Assert.Equal("supplied", supplied.KernelFeatures);
        Assert.Contains("\"kernel_features\": \"supplied\"", supplied.ToJson());
        Assert.NotEqual(pretrained.Methods[0].Metrics["kernel_gamma"].Mean, supplied.Methods[0].Metrics["kernel_gamma"].Mean);
        var noFeatures = data with { UserFeatures = null };
        var e = Assert.Throws<ArgumentException>(() => DebiasingBenchmark.Run(noFeatures, options with { SuppliedKernelFeatures = true }));
        Assert.Contains("side features", e.Message);
    }

    [Fact]
    public void JsonWritesNaNAsNull()
    {
        var summary = new DebiasingMethodSummary("mf", new Dictionary<string, MetricSummary>
        {
            ["auc"] = new(double.NaN, 0), ["mse"] = new(0.25, 0.01),
        });
        var result = new DebiasingBenchmarkResult(Tiny(), new DebiasingBenchmarkOptions(), "test", new[] { summary });
        using var json = JsonDocument.Parse(result.ToJson(indented: false));
        var mf = json.RootElement.GetProperty("methods").GetProperty("mf");
        Assert.Equal(JsonValueKind.Null, mf.GetProperty("auc").GetProperty("mean").ValueKind);
        Assert.Equal(0.25, mf.GetProperty("mse").GetProperty("mean").GetDouble());
        Assert.Equal("synthetic", json.RootElement.GetProperty("data").GetString());
    }
}
