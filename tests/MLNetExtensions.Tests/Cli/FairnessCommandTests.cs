using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MLNetExtensions.Cli.Commands;
using MLNetExtensions.Tests.Fairness.Metrics;
using Xunit;

namespace MLNetExtensions.Tests.Cli;

/// <summary><c>mlnetx fairness</c>: flags in, one JSON object or a message and exit code 2 out.</summary>
public sealed class FairnessCommandTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"mlnetx-fairness-{Guid.NewGuid():N}.csv");

    public FairnessCommandTests()
    {
        var sb = new StringBuilder("y,y_hat,s,sex,race,age\n");
        for (int i = 0; i < GoldenData.Label.Length; i++)
            sb.Append(CultureInfo.InvariantCulture,
                $"{GoldenData.Label[i]},{GoldenData.Prediction[i]},{GoldenData.Score[i].ToString("R", CultureInfo.InvariantCulture)},{GoldenData.Sex[i]},{GoldenData.Race[i]},{GoldenData.Age[i].ToString("R", CultureInfo.InvariantCulture)}\n");
        File.WriteAllText(_path, sb.ToString());
    }

    public void Dispose() => File.Delete(_path);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = FairnessCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void JsonIsOneObjectWithTheGoldenValues()
    {
        var (code, stdout, stderr) = Run("--input", _path, "--label", "y", "--prediction", "y_hat", "--score", "s", "--probability", "s",
            "--sensitive", "sex,race,age", "--min-group-size", "5", "--json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(40, json.RootElement.GetProperty("n").GetInt32());
        Assert.Equal(6, json.RootElement.GetProperty("by_group").GetArrayLength());
        Assert.Equal(0.7142857142857143, json.RootElement.GetProperty("equalized_odds_difference").GetDouble(), 1e-12);
        Assert.Equal(0.0030913948550243394, json.RootElement.GetProperty("ccdcov").GetDouble(), 1e-12);
    }

    [Theory]
    [InlineData("--sensitive", "gender", "Column 'gender' was not found")]
    [InlineData("--task", "ordinal", "--task must be 'binary' or 'regression'")]
    [InlineData("--bootstrap", "-1", "BootstrapResamples must not be negative")]
    public void BadInputExitsWithCodeTwoAndAMessage(string flag, string value, string message)
    {
        var args = new List<string> { "--input", _path, "--label", "y", "--prediction", "y_hat", "--sensitive", "sex" };
        int at = args.IndexOf(flag);
        if (at >= 0) args[at + 1] = value;
        else args.AddRange(new[] { flag, value });
        var (code, stdout, stderr) = Run(args.ToArray());
        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
        Assert.Equal("", stdout);
    }

    [Fact]
    public void MissingFileExitsWithCodeTwo()
    {
        var (code, _, stderr) = Run("--input", _path + ".missing", "--label", "y", "--prediction", "y_hat", "--sensitive", "sex");
        Assert.Equal(2, code);
        Assert.Contains("does not exist", stderr);
    }
}
