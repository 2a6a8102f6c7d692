using MLNetExtensions.Data;
using MLNetExtensions.Debiasing.Data;
using MLNetExtensions.Debiasing.Synthetic;

namespace MLNetExtensions.Debiasing.Benchmark;

/// <summary>
/// A data set for <see cref="DebiasingBenchmark"/>: binary MNAR training cells, a MAR test set, and optionally a separate
/// MAR label sample for the Naive-Bayes propensities (otherwise a seeded share of the test set is drawn per seed).
/// </summary>
/// <param name="Name">Short name reported as "data" (e.g. "coat", "synthetic").</param>
/// <param name="Train">Observed (MNAR) training cells, labels 0/1.</param>
/// <param name="Test">MAR evaluation cells, labels 0/1.</param>
/// <param name="MarSample">A separate MAR label sample, or null to draw <see cref="DebiasingBenchmarkOptions.MarSampleFraction"/> of <paramref name="Test"/> per seed.</param>
/// <param name="Binarization">How the labels were made binary, as reported.</param>
public sealed record DebiasingBenchmarkData(string Name, InteractionTable Train, InteractionTable Test, InteractionTable? MarSample, string Binarization)
{
    /// <summary>Side features of every user (Coat: user_features.ascii; synthetic: the true latent factors), or null.</summary>
    public IReadOnlyList<float[]>? UserFeatures { get; init; }

    /// <summary>Side features of every item (Coat: item_features.ascii; synthetic: the true latent factors), or null.</summary>
    public IReadOnlyList<float[]>? ItemFeatures { get; init; }

    /// <summary>
    /// Coat from the "coat" folder of <paramref name="dataDirectory"/> (default: <see cref="ReferenceDataDirectory"/>,
    /// i.e. MLNETEXT_DATA_DIR or ../shared/data), ratings &gt;= 3 positive. Throws <see cref="DirectoryNotFoundException"/>
    /// saying where it looked when the data is absent.
    /// </summary>
    public static DebiasingBenchmarkData Coat(string? dataDirectory = null)
    {
        string? folder;
        string reason;
        if (dataDirectory is null)
            folder = ReferenceDataDirectory.Find("coat", CoatLoader.TrainFile, out reason);
        else
        {
            folder = Path.GetFullPath(Path.Combine(dataDirectory, "coat"));
            reason = $"Data set 'coat' was not found: {Path.Combine(folder, CoatLoader.TrainFile)} does not exist.";
            if (!File.Exists(Path.Combine(folder, CoatLoader.TrainFile)))
                folder = null;
        }
        if (folder is null)
            throw new DirectoryNotFoundException(reason);
        var coat = CoatLoader.Load(folder);
        return new DebiasingBenchmarkData("coat", coat.Train.Binarize(RatingBinarization.AtLeastThree),
            coat.Test.Binarize(RatingBinarization.AtLeastThree), null, ">= 3")
        {
            UserFeatures = coat.UserFeatures.Count > 0 ? coat.UserFeatures : null,
            ItemFeatures = coat.ItemFeatures.Count > 0 ? coat.ItemFeatures : null,
        };
    }

    /// <summary>A generated MNAR catalog (<see cref="SyntheticMnarGenerator"/>): its training cells, MAR test set and separate MAR sample.</summary>
    public static DebiasingBenchmarkData Synthetic(SyntheticMnarOptions? options = null)
    {
        var data = SyntheticMnarGenerator.Generate(options ?? new SyntheticMnarOptions());
        return new DebiasingBenchmarkData("synthetic", data.Train, data.MarTest, data.MarSample.Count > 0 ? data.MarSample : null, "0/1 labels")
        {
            UserFeatures = data.TrueUserFactors(),
            ItemFeatures = data.TrueItemFactors(),
        };
    }
}
