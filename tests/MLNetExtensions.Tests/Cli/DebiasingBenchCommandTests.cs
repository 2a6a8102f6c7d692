using System.CommandLine;
using System.Text.Json;
using MLNetExtensions.Cli.Commands;
using Xunit;

namespace MLNetExtensions.Tests.Cli;

/// <summary><c>mlnetx bench debiasing</c>: flags in, one JSON object (every method, every metric) or a message and exit code 2 out.</summary>
public sealed class DebiasingBenchCommandTests
{
    private static readonly string[] Methods = { "mf", "ips", "snips", "dr_jl", "mrdr_jl", "kbips", "kbdr", "akbips", "akbdr" };
    private static readonly string[] Keys = { "mse", "auc", "ndcg_at_5", "ndcg_at_10", "recall_at_5", "recall_at_10", "seconds_per_fit" };

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = BenchCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    private static string[] Args(params string[] extra) =>
        new[] { "debiasing", "--data", "synthetic", "--users", "60", "--items", "40", "--seeds", "1", "--epochs", "2" }.Concat(extra).ToArray();

    [Fact]
    public void JsonIsOneObjectWithEveryMethodAndEveryKey()
    {
        var (code, stdout, stderr) = Run(Args("--json"));
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal("synthetic", root.GetProperty("data").GetString());
        Assert.Equal(1, root.GetProperty("seeds").GetInt32());
        Assert.Equal(2, root.GetProperty("epochs").GetInt32());
        var methods = root.GetProperty("methods");
        Assert.Equal(Methods, methods.EnumerateObject().Select(p => p.Name).ToArray());
        foreach (var method in Methods)
            foreach (var key in Keys)
            {
                var metric = methods.GetProperty(method).GetProperty(key);
                Assert.Equal(JsonValueKind.Number, metric.GetProperty("mean").ValueKind);
                Assert.Equal(0.0, metric.GetProperty("std").GetDouble());   // one seed
            }
        double mse = methods.GetProperty("ips").GetProperty("mse").GetProperty("mean").GetDouble();
        Assert.InRange(mse, 0.0, 1.0);
    }

    [Fact]
    public void MethodsSubsetAndTheTable()
    {
        var (code, stdout, stderr) = Run(Args("--methods", "mf,ips"));
        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("method", StringComparison.Ordinal) && l.Contains("ndcg_at_10", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("mf ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ips ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("kbdr", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--seeds", "0", "--seeds must be at least 1")]
    [InlineData("--epochs", "0", "--epochs must be at least 1")]
    [InlineData("--methods", "mf,bpr", "--methods: unknown method 'bpr'")]
    [InlineData("--data", "movielens", "--data must be 'coat' or 'synthetic'")]
    public void BadInputExitsWithCodeTwoAndAMessage(string flag, string value, string message)
    {
        var args = Args().ToList();
        int at = args.IndexOf(flag);
        if (at >= 0) args[at + 1] = value;
        else args.AddRange(new[] { flag, value });
        var (code, stdout, stderr) = Run(args.ToArray());
        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
        Assert.Equal("", stdout);
    }

    [Fact]
    public void MissingCoatDataExitsWithCodeTwo()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"mlnetx-no-data-{Guid.NewGuid():N}");
        var (code, stdout, stderr) = Run("debiasing", "--data", "coat", "--data-dir", missing, "--seeds", "1", "--epochs", "1", "--json");
        Assert.Equal(2, code);
        Assert.Contains("--data coat", stderr);
        Assert.Contains("was not found", stderr);
        Assert.Equal("", stdout);
    }
}
