using System.CommandLine;
using System.Text.Json;
using MLNetExtensions.Cli.Commands;
using MLNetExtensions.Reinforcement.Benchmark;
using Xunit;

namespace MLNetExtensions.Tests.Reinforcement;

/// <summary><c>mlnetx bench rl</c>: flags in, one JSON object (or a table) or a message and exit code 2 out.</summary>
public sealed class RlBenchCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = RlBenchCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void JsonIsOneObjectWithTheChosenMethodsAndEveryFigure()
    {
        var (code, stdout, stderr) = Run("--task", "bandit", "--seeds", "2", "--steps", "3", "--methods", "vanilla,kl_cov", "--json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal("rl", root.GetProperty("benchmark").GetString());
        Assert.Equal("bandit", root.GetProperty("task").GetString());
        Assert.Equal(new[] { 0, 1 }, root.GetProperty("seeds").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(3, root.GetProperty("steps").GetInt32());
        var methods = root.GetProperty("methods");
        Assert.Equal(new[] { "vanilla", "kl_cov" }, methods.EnumerateObject().Select(p => p.Name));
        foreach (var method in methods.EnumerateObject())
            foreach (var figure in new BanditTrapTask().Figures)
            {
                var f = method.Value.GetProperty(figure);
                var values = f.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
                Assert.Equal(2, values.Length);
                Assert.Equal(values.Average(), f.GetProperty("mean").GetDouble(), 9);
                Assert.Equal(Math.Abs(values[0] - values[1]) / Math.Sqrt(2), f.GetProperty("std").GetDouble(), 9);
            }
        var rate = methods.GetProperty("vanilla").GetProperty("best_action_rate").GetProperty("mean").GetDouble();
        Assert.InRange(rate, 0, 1);
    }

    [Fact]
    public void TableListsEachMethod()
    {
        var (code, stdout, stderr) = Run("--seeds", "1", "--steps", "2", "--methods", "empg");
        Assert.True(code == 0, stderr);
        Assert.Contains("| empg |", stdout);
        Assert.Contains("best_action_rate", stdout);
        Assert.Contains("[bench rl] bandit empg seed 0", stderr); // progress goes to stderr
    }

    [Theory]
    [InlineData("--task", "chess")]
    [InlineData("--seeds", "0")]
    [InlineData("--steps", "0")]
    [InlineData("--methods", "vanilla,grpo_plus")]
    public void BadFlagsExitWithTwoAndAMessage(string flag, string value)
    {
        var (code, stdout, stderr) = Run(flag, value, "--json");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("mlnetx bench rl:", stderr);
    }

    [Fact]
    public void UnknownTaskMessageListsTheTasks()
    {
        var (_, _, stderr) = Run("--task", "chess");
        Assert.Contains("bandit", stderr);
        Assert.Contains("recommender", stderr);
    }
}
