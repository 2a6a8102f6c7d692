using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Fairness;
using MLNetExtensions.Fairness.Data;
using MLNetExtensions.Fairness.Penalties;
using MLNetExtensions.Fairness.Trainers;
using Xunit;

namespace MLNetExtensions.Tests.Fairness.Data;

public sealed class ReferenceDataTests
{
    private static Dictionary<string, int> Counts(IDataView view, string column) =>
        view.GetColumn<ReadOnlyMemory<char>>(column).GroupBy(v => v.ToString()).ToDictionary(g => g.Key, g => g.Count());

    // Golden counts from pandas on ../shared/data (python3: pd.read_csv(...).race.value_counts(), sex, label mean).
    [ReferenceDataFact]
    public void CompasLoadsRaceSexAndFeaturesAndAPenaltyReducesIntersectionalDependence()
    {
        var ml = new MLContext(1);
        var split = FairnessReferenceData.Load(ml, FairnessReferenceDataSet.Compas, seed: 1);
        Assert.Equal(7214, split.TrainRows + split.TestRows);
        Assert.InRange(split.TestRows, 1900, 2450);
        Assert.Equal(7, split.FeatureWidth);   // age, 3 juvenile counts, priors_count + one-hot c_charge_degree (F, M)
        var race = Counts(split.Train, "Race").Concat(Counts(split.Test, "Race")).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
        Assert.Equal(new Dictionary<string, int> { ["African-American"] = 3696, ["Caucasian"] = 2454, ["Other"] = 1064 }, race);
        Assert.Equal(1395, Counts(split.Train, "Sex").GetValueOrDefault("Female") + Counts(split.Test, "Sex").GetValueOrDefault("Female"));
        var labels = split.Train.GetColumn<bool>("Label").Concat(split.Test.GetColumn<bool>("Label")).ToArray();
        Assert.Equal(3251, labels.Count(l => l));   // two_year_recid mean 0.45065 x 7214

        // One tiny regularised fit against the unpenalised one: CCdCov on (Race, Sex) lowers the test CCdCov.
        double CCdCov(double lambda)
        {
            var model = ml.Fairness().Trainers.FairBinaryClassifier(new FairTrainerOptions
            {
                ProtectedColumnNames = new[] { "Race", "Sex" }, Penalty = FairnessPenaltyKind.ConcatenatedDistanceCovariance,
                Lambda = lambda, HiddenLayers = new[] { 16 }, NumberOfEpochs = 3, BatchSize = 256, LearningRate = 0.01, Seed = 1,
            }).Fit(split.Train);
            var report = ml.Fairness().Evaluate(model.Transform(split.Test), new[] { "Race", "Sex" }, probabilityColumnName: "Probability");
            model.LastTransformer.Dispose();
            Assert.Equal(6, report.Groups.Count);
            return report.Distance!.CCdCov;
        }
        double plain = CCdCov(0), penalised = CCdCov(100);
        Assert.True(penalised < 0.5 * plain, $"CCdCov {plain} without the penalty, {penalised} with lambda 100");
    }

    [ReferenceDataFact]
    public void AdultLoadsWithoutProtectedFeaturesAndSubsamplesTrainingRows()
    {
        var ml = new MLContext(1);
        var split = FairnessReferenceData.Load(ml, FairnessReferenceDataSet.Adult, seed: 2, maxTrainRows: 1000);
        Assert.InRange(split.TrainRows, 850, 1150);
        Assert.InRange(split.TestRows, 9200, 10300);   // 30% of 32,561
        Assert.Equal(new[] { "Black", "Other", "White" }, Counts(split.Test, "Race").Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(new[] { "Female", "Male" }, Counts(split.Test, "Sex").Keys.OrderBy(k => k, StringComparer.Ordinal));
        // Sex and ethnicity are not model inputs: no Features slot comes from them.
        var slots = default(VBuffer<ReadOnlyMemory<char>>);
        split.Train.Schema["Features"].GetSlotNames(ref slots);
        Assert.DoesNotContain(slots.DenseValues(), s => s.ToString().StartsWith("sex", StringComparison.Ordinal) || s.ToString().StartsWith("ethnicity", StringComparison.Ordinal));
        Assert.Contains(slots.DenseValues(), s => s.ToString().StartsWith("relationship", StringComparison.Ordinal));
        Assert.Equal(split.FeatureWidth, slots.Length);
    }

    [Fact]
    public void MissingDataFolderIsAClearError()
    {
        var empty = Directory.CreateTempSubdirectory("mlnetx-nodata-").FullName;
        try
        {
            var ml = new MLContext(1);
            var e = Assert.Throws<FileNotFoundException>(() => FairnessReferenceData.Load(ml, FairnessReferenceDataSet.Compas, 1, dataDirectory: empty));
            Assert.Contains("compas-two-years.csv", e.Message);
            Assert.Null(FairnessReferenceData.Find(FairnessReferenceDataSet.Adult, empty, out var reason));
            Assert.Contains("adult.txt", reason);
            Assert.Equal("testFraction", Assert.Throws<ArgumentOutOfRangeException>(() =>
                FairnessReferenceData.Load(ml, FairnessReferenceDataSet.Compas, 1, testFraction: 1, dataDirectory: empty)).ParamName);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }
}
