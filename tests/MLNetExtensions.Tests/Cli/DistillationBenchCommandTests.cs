using System.CommandLine;
using System.Text.Json;
using MLNetExtensions.Cli.Commands;
using MLNetExtensions.Distillation.Benchmarking;
using Xunit;

namespace MLNetExtensions.Tests.Cli;

/// <summary><c>mlnetx bench distillation</c>: flags in, one JSON object (or a table) or a message and exit code 2 out.</summary>
public sealed class DistillationBenchCommandTests
{
    private static readonly string[] Small = { "--data", "synthetic", "--seeds", "1", "--epochs", "2", "--train-rows", "400", "--test-rows", "300" };

    private static readonly string[] Figures =
        { "accuracy", "log_loss", "ece", "brier", "model_bytes", "latency_us_per_row", "rows_per_second" };

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = DistillationBenchCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void JsonIsOneObjectWithEveryMethodAndEveryFigure()
    {
        var (code, stdout, stderr) = Run(Small.Append("--json").ToArray());
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);   // exactly one JSON value: Parse throws on trailing content
        var root = json.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.Equal("distillation", root.GetProperty("benchmark").GetString());
        Assert.Equal("synthetic", root.GetProperty("data").GetString());
        Assert.Equal(1, root.GetProperty("seeds").GetArrayLength());
        Assert.Equal(2, root.GetProperty("epochs").GetInt32());
        Assert.Equal(400, root.GetProperty("train_rows").GetInt64());
        Assert.Equal(300, root.GetProperty("test_rows").GetInt64());
        var methods = root.GetProperty("methods");
        Assert.Equal(new[] { "plain", "kd", "reverse_kl", "bdkd", "online_bdkd", "adversarial", "robust_kd", "mtard" }, methods.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.1, root.GetProperty("epsilon").GetDouble());   // the synthetic default
        var balance = root.GetProperty("mtard_balance")[0];
        Assert.Equal(new[] { "lightgbm", "robust" }, balance.GetProperty("teachers").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(1, balance.GetProperty("weights").EnumerateArray().Sum(w => w.GetDouble()), 9);
        Assert.All(balance.GetProperty("temperatures").EnumerateArray(), t => Assert.InRange(t.GetDouble(), 1, 10));
        var robustTeacher = root.GetProperty("robust_teacher");
        Assert.Equal(4801, robustTeacher.GetProperty("parameters").GetInt64());   // 8-64-64-1 MLP
        var onlineTeacher = root.GetProperty("online_teacher");
        Assert.Equal("teacher", onlineTeacher.GetProperty("role").GetString());
        Assert.Equal(17793, onlineTeacher.GetProperty("parameters").GetInt64());   // 8-128-128-1 MLP, trained jointly with online_bdkd
        Assert.Equal(1377, methods.GetProperty("online_bdkd").GetProperty("parameters").GetInt64());
        Assert.InRange(onlineTeacher.GetProperty("robust_accuracy").GetProperty("mean").GetDouble(), 0, onlineTeacher.GetProperty("accuracy").GetProperty("mean").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("teacher").GetProperty("robust_accuracy").ValueKind);
        foreach (var model in methods.EnumerateObject().Select(p => p.Value).Prepend(robustTeacher))
        {
            double robust = model.GetProperty("robust_accuracy").GetProperty("mean").GetDouble();
            Assert.InRange(robust, 0, model.GetProperty("accuracy").GetProperty("mean").GetDouble());
            Assert.True(model.GetProperty("training_rows_per_second").GetProperty("mean").GetDouble() > 0);
        }
        foreach (var model in methods.EnumerateObject().Select(p => p.Value).Prepend(onlineTeacher).Prepend(robustTeacher).Prepend(root.GetProperty("teacher")))
        {
            foreach (var key in Figures)
            {
                var figure = model.GetProperty(key);
                Assert.Equal(JsonValueKind.Number, figure.GetProperty("mean").ValueKind);
                Assert.Equal(0, figure.GetProperty("std").GetDouble());   // one seed
            }
            Assert.InRange(model.GetProperty("accuracy").GetProperty("mean").GetDouble(), 0.5, 1);
            Assert.True(model.GetProperty("model_bytes").GetProperty("mean").GetDouble() > 0);
        }
        Assert.Equal(JsonValueKind.Null, root.GetProperty("teacher").GetProperty("parameters").ValueKind);
        Assert.Equal("teacher", root.GetProperty("teacher").GetProperty("role").GetString());
        Assert.Equal(1377, methods.GetProperty("kd").GetProperty("parameters").GetInt64());   // 8-32-32-1 MLP
        Assert.Equal("", stderr);
    }

    [Fact]
    public void WithoutJsonPrintsATable()
    {
        var (code, stdout, stderr) = Run(Small.Append("--no-robust").ToArray());
        Assert.True(code == 0, stderr);
        Assert.StartsWith("Distillation benchmark, synthetic", stdout);
        foreach (var name in new[] { "| teacher |", "| online_teacher |", "| plain |", "| kd |", "| reverse_kl |", "| bdkd |", "| online_bdkd |" })
            Assert.Contains(name, stdout);
        Assert.DoesNotContain("mtard", stdout);
        Assert.Contains("seed 1: bdkd trained in", stderr);
    }

    [Theory]
    [InlineData("--seeds", "0", "--seeds must be at least 1")]
    [InlineData("--data", "mnist", "--data must be 'adult' or 'synthetic'")]
    [InlineData("--epochs", "0", "--epochs must be at least 1")]
    [InlineData("--train-rows", "10", "--train-rows must be at least 100")]
    [InlineData("--epsilon", "0", "--epsilon must be positive")]
    public void BadInputExitsWithCodeTwoAndAMessage(string flag, string value, string message)
    {
        var (code, stdout, stderr) = Run(flag, value, "--json");
        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
        Assert.Equal("", stdout);
    }

    [Fact]
    public void MissingAdultIsAClearError()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"mlnetx-no-data-{Guid.NewGuid():N}");
        Assert.Null(DistillationBenchmark.FindAdult(folder, out string reason));
        Assert.Contains(Path.Combine(folder, "adult", "adult.txt"), reason);
        Assert.Contains("MLNETEXT_DATA_DIR", reason);
        var e = Assert.Throws<FileNotFoundException>(() => DistillationBenchmark.Run(new DistillationBenchmarkOptions
        {
            Data = DistillationBenchmarkData.Adult,
            DataDirectory = folder,
        }));
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void OptionsNameTheInvalidOption()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new DistillationBenchmarkOptions { Seeds = 0 }.Validate());
        Assert.Equal("Seeds", e.ParamName);
    }

    [Fact]
    public void BenchCommandHoldsTheDistillationSubcommand() =>
        Assert.Contains(BenchCommand.Create().Subcommands, c => c.Name == "distillation");
}
