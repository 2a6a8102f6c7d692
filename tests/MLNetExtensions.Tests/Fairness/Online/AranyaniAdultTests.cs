using Microsoft.ML;
using MLNetExtensions.Fairness;
using MLNetExtensions.Fairness.Online;
using Xunit;

namespace MLNetExtensions.Tests.Fairness.Online;

/// <summary>
/// A fact that needs UCI Adult (third-party, read from ../shared/data or MLNETEXT_DATA_DIR, never copied into the
/// repository): skipped with the reason when it is absent, e.g. in a fresh clone.
/// </summary>
public sealed class AdultFactAttribute : FactAttribute
{
    private static readonly string MissingReason;

    static AdultFactAttribute()
    {
        Path = AdultStream.Find(out var reason);
        MissingReason = reason;
    }

    public AdultFactAttribute()
    {
        if (Path is null)
            Skip = $"Adult data not available: {MissingReason}";
    }

    /// <summary>adult.txt, or null when absent.</summary>
    public static string? Path { get; }
}

public sealed class AranyaniAdultTests
{
    [AdultFact]
    public void OnTheAdultStreamAPositiveLambdaLowersPrequentialDemographicParity()
    {
        var ml = new MLContext(1);
        // The first 2,000 rows of the stream in file order, sensitive attribute sex; mini-batches of 4 keep it fast
        // (the full pass at batch size 1 is the aranyani-adult study).
        var stream = ml.Data.Cache(AdultStream.Load(ml, AdultFactAttribute.Path!, maxRows: 2000));
        AranyaniOptions Options(double lambda) => new()
        {
            SensitiveColumnName = AdultStream.SensitiveColumn, Lambda = lambda, BatchSize = 4, LearningRate = 0.005, Seed = 1,
        };
        using var plain = ml.Fairness().Trainers.Aranyani(Options(0)).Fit(stream);
        using var fair = ml.Fairness().Trainers.Aranyani(Options(1)).Fit(stream);
        var (p, f) = (plain.History!, fair.History!);
        Assert.Equal(2000, p.Rows);
        Assert.Equal(new[] { "Male", "Female" }, p.GroupNames);
        string detail = $"accuracy {p.Accuracy:F3} -> {f.Accuracy:F3}, DP {p.DemographicParityDifference:F3} -> {f.DemographicParityDifference:F3}";
        Assert.True(p.Accuracy > 0.75, detail);
        Assert.True(f.DemographicParityDifference < 0.5 * p.DemographicParityDifference, detail);
        Assert.True(f.Accuracy > 0.7, detail);
    }
}
