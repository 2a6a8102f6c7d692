using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;
using MLNetExtensions.Debiasing;
using MLNetExtensions.Debiasing.Data;
using MLNetExtensions.Debiasing.Propensity;
using MLNetExtensions.Persistence;
using Xunit;

namespace MLNetExtensions.Tests.Debiasing.Propensity;

public sealed class PropensityEstimatorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlnetx-propensity-").FullName;
    private readonly MLContext _ml = new(0);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // 3 users x 4 items = 12 pairs; 4 observed cells, 3 positive.
    private static InteractionTable Observed() => new(3, 4, new[] { 0, 0, 1, 1 }, new[] { 0, 1, 0, 2 }, new[] { 1f, 1f, 0f, 1f });

    // MAR labels: 2 positives of 5.
    private IDataView MarSample(params float[] labels) =>
        _ml.Data.LoadFromEnumerable(labels.Select(y => new LabelRow { Label = y }));

    [Fact]
    public void NaiveBayesMatchesTheHandComputedTable()
    {
        // P(O=1) = 4/12; P(Y=1|O=1) = 3/4, P(Y=0|O=1) = 1/4; P(Y=1) = 2/5, P(Y=0) = 3/5.
        // p(1) = (3/4)(1/3)/(2/5) = 0.625; p(0) = (1/4)(1/3)/(3/5) = 5/36.
        var model = NaiveBayesPropensityModel.Fit(Observed(), new float[] { 1, 0, 0, 1, 0 });
        Assert.Equal(1.0 / 3.0, model.ObservationRate, 15);
        Assert.Equal(0.625, model.Propensity(0, 0, 1f), 15);
        Assert.Equal(5.0 / 36.0, model.Propensity(0, 0, 0f), 15);

        var transformer = _ml.Debiasing().NaiveBayesPropensity(MarSample(1, 0, 0, 1, 0)).Fit(Observed().ToDataView(_ml));
        var scored = transformer.Transform(Observed().ToDataView(_ml));
        Assert.Equal(new[] { 0.625f, 0.625f, (float)(5.0 / 36.0), 0.625f }, scored.GetColumn<float>("Propensity").ToArray());
        Assert.Equal(new[] { 1.6f, 1.6f, 1f / (float)(5.0 / 36.0), 1.6f }, scored.GetColumn<float>("InversePropensityWeight").ToArray());
    }

    [Fact]
    public void PopularityIsTheProductOfUserAndItemCountsOverObservedAndIsClipped()
    {
        // n_u = 2, 2, 0; n_i = 2, 1, 1, 0; |O| = 4: p(u, i) = n_u n_i / 4.
        var transformer = _ml.Debiasing().PopularityPropensity(clipMinimum: 0.01).Fit(Observed().ToDataView(_ml));
        var probe = new InteractionTable(3, 4, new[] { 0, 0, 1, 2 }, new[] { 0, 1, 2, 3 }, new[] { 0f, 0f, 0f, 0f });
        var scored = transformer.Transform(probe.ToDataView(_ml));
        Assert.Equal(new[] { 1f, 0.5f, 0.5f, 0.01f }, scored.GetColumn<float>("Propensity").ToArray());
        Assert.Equal(new[] { 1f, 2f, 2f, 100f }, scored.GetColumn<float>("InversePropensityWeight").ToArray());
        // Before clipping the fit reproduces every user's observation count: sum_i p(u, i) = n_u.
        var model = Assert.IsType<PopularityPropensityModel>(transformer.Model);
        Assert.Equal(2.0, Enumerable.Range(0, 4).Sum(i => model.Propensity(0, i, 0)), 12);
    }

    [Fact]
    public void LogisticMatchesScikitLearnOnAllPairs()
    {
        // 8 users x 6 items; golden from numpy Newton iterations on the 48 materialised pairs with features
        // log(1 + n_u), log(1 + n_i) (gradient 1e-15 at the end); sklearn LogisticRegression(penalty=None) agrees to 5e-6.
        var cells = new[] { (0, 0), (0, 1), (0, 2), (0, 3), (1, 0), (1, 1), (2, 0), (3, 0), (3, 4), (4, 1), (4, 0), (5, 0), (5, 2), (6, 1), (7, 0), (7, 1), (7, 3) };
        var table = new InteractionTable(8, 6, cells.Select(c => c.Item1).ToArray(), cells.Select(c => c.Item2).ToArray(), new float[cells.Length]);
        var model = LogisticPropensityModel.Fit(table);
        Assert.Equal(-10.836932882993366, model.Intercept, 9);
        Assert.Equal(4.828097028958532, model.UserWeight, 9);
        Assert.Equal(3.6970742035785116, model.ItemWeight, 9);
        Assert.Equal(0.9902572293799098, model.Propensity(0, 0, 0), 12);
        // Score equation of the intercept: the fitted propensities add up to |O| over all pairs.
        double sum = 0;
        for (int u = 0; u < 8; u++)
            for (int i = 0; i < 6; i++)
                sum += model.Propensity(u, i, 0);
        Assert.Equal(cells.Length, sum, 9);
    }

    [Fact]
    public void EmptyMarSampleAndUnseenLabelsAreClearErrors()
    {
        var train = Observed().ToDataView(_ml);
        var empty = Assert.Throws<DataValidationException>(() => _ml.Debiasing().NaiveBayesPropensity(MarSample()).Fit(train));
        Assert.Contains("MAR sample is empty", empty.Message);
        Assert.Equal("Label", empty.ColumnName);
        // Training label 0 (row 2) never occurs in a MAR sample of positives: P(Y=0) would be 0.
        var unseen = Assert.Throws<DataValidationException>(() => _ml.Debiasing().NaiveBayesPropensity(MarSample(1, 1)).Fit(train));
        Assert.Equal(2, unseen.Row);
        Assert.Throws<ArgumentNullException>(() => _ml.Debiasing().Propensity(new PropensityOptions()));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Debiasing().Propensity(new PropensityOptions { ClipMinimum = 0 }, MarSample(1)));
    }

    [Fact]
    public void TransformErrorsNameColumnAndRow()
    {
        var nb = _ml.Debiasing().NaiveBayesPropensity(MarSample(1, 0, 0, 1, 0)).Fit(Observed().ToDataView(_ml));
        var odd = new InteractionTable(3, 4, new[] { 0, 1, 2 }, new[] { 0, 1, 2 }, new[] { 1f, 0f, 0.5f });
        var label = Assert.Throws<DataValidationException>(() => nb.Transform(odd.ToDataView(_ml)).GetColumn<float>("Propensity").ToArray());
        Assert.Equal(("Label", 2L), (label.ColumnName, label.Row!.Value));

        var pop = _ml.Debiasing().PopularityPropensity().Fit(Observed().ToDataView(_ml));
        // Key fields are 0-based in LoadFromEnumerable; 3 is beyond the 3 users, i.e. the missing key.
        var rows = new[] { new KeyRow { UserId = 1, ItemId = 1 }, new KeyRow { UserId = 3, ItemId = 1 } };
        var missing = Assert.Throws<DataValidationException>(() => pop.Transform(KeyView(rows)).GetColumn<float>("Propensity").ToArray());
        Assert.Equal(("UserId", 1L), (missing.ColumnName, missing.Row!.Value));
    }

    [Fact]
    public void SaveLoadRoundTripIsBitIdenticalAndPredictionEngineWorks()
    {
        var train = SyntheticData(out var marSample);
        foreach (var estimator in new IEstimator<ITransformer>[]
                 {
                     _ml.Debiasing().NaiveBayesPropensity(marSample), _ml.Debiasing().PopularityPropensity(), _ml.Debiasing().LogisticPropensity(),
                 })
        {
            var model = estimator.Fit(train);
            var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.zip");
            _ml.Model.SaveWithExtensions(model, train.Schema, path);
            var loaded = new MLContext(1).Model.LoadWithExtensions(path, out var schema);
            Assert.IsType<PropensityTransformer>(loaded);
            Assert.Equal(train.Schema.Select(c => c.Type.ToString()), schema.Select(c => c.Type.ToString()));
            var before = model.Transform(train).GetColumn<float>("InversePropensityWeight").ToArray();
            var after = loaded.Transform(train).GetColumn<float>("InversePropensityWeight").ToArray();
            Assert.Equal(before.Select(BitConverter.SingleToInt32Bits), after.Select(BitConverter.SingleToInt32Bits));
            Assert.True(before.Distinct().Count() > 1);

            var engine = _ml.Model.CreatePredictionEngine<KeyRow, WeightRow>(loaded);
            var first = InteractionTable.FromDataView(train);
            var prediction = engine.Predict(new KeyRow { UserId = (uint)first.Users[0], ItemId = (uint)first.Items[0], Label = first.Labels[0] });
            Assert.Equal(before[0], prediction.InversePropensityWeight);
        }
        Assert.Throws<NotSupportedException>(() => _ml.Model.Save(_ml.Debiasing().PopularityPropensity().Fit(train), train.Schema, Path.Combine(_folder, "x.zip")));
    }

    [Fact]
    public void WeightColumnServesAsAnMLNetExampleWeight()
    {
        var train = SyntheticData(out var marSample);
        // Item indicators only: each item's prediction is close to its (weighted) mean label.
        var features = _ml.Transforms.Conversion.MapKeyToVector("Features", "ItemId");
        var weighted = _ml.Debiasing().NaiveBayesPropensity(marSample).Append(features)
            .Append(_ml.Regression.Trainers.Sdca(exampleWeightColumnName: "InversePropensityWeight", maximumNumberOfIterations: 50))
            .Fit(train);
        var plain = features.Append(_ml.Regression.Trainers.Sdca(maximumNumberOfIterations: 50)).Fit(train);
        var w = weighted.Transform(train).GetColumn<float>("Score").Average();
        var p = plain.Transform(train).GetColumn<float>("Score").Average();
        // Up-weighting the rarely observed negatives pulls the mean prediction down.
        Assert.True(w < p - 0.02, $"weighted mean score {w}, unweighted {p}");
    }

    [Fact]
    public void OutputSchemaIsPredictedWithoutData()
    {
        var shape = _ml.Debiasing().PopularityPropensity().GetOutputSchema(SchemaShapes.FromSchema(Observed().ToDataView(_ml).Schema));
        Assert.Contains(shape, c => c.Name == "Propensity");
        Assert.Contains(shape, c => c.Name == "InversePropensityWeight");
        var keysOnly = KeyView(new[] { new KeyRow { UserId = 1, ItemId = 1 } });
        var noLabel = _ml.Transforms.DropColumns("Label").Fit(keysOnly).Transform(keysOnly).Schema;
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Debiasing().NaiveBayesPropensity(MarSample(1)).GetOutputSchema(SchemaShapes.FromSchema(noLabel)));
        Assert.Contains("'Label'", e.Message);
    }

    private IDataView SyntheticData(out IDataView marSample)
    {
        var synthetic = MLNetExtensions.Debiasing.Synthetic.SyntheticMnarGenerator.Generate(
            new MLNetExtensions.Debiasing.Synthetic.SyntheticMnarOptions { Users = 60, Items = 50, MarTestItemsPerUser = 5, Seed = 7 });
        marSample = synthetic.MarSample.ToDataView(_ml);
        return synthetic.Train.ToDataView(_ml);
    }

    private IDataView KeyView(KeyRow[] rows)
    {
        var definition = SchemaDefinition.Create(typeof(KeyRow));
        definition["UserId"].ColumnType = new KeyDataViewType(typeof(uint), 3);
        definition["ItemId"].ColumnType = new KeyDataViewType(typeof(uint), 4);
        return _ml.Data.LoadFromEnumerable(rows, definition);
    }

    private sealed class LabelRow
    {
        public float Label { get; set; }
    }

    public sealed class KeyRow
    {
        [KeyType(60)] public uint UserId { get; set; }
        [KeyType(50)] public uint ItemId { get; set; }
        public float Label { get; set; }
    }

    public sealed class WeightRow
    {
        public float Propensity { get; set; }
        public float InversePropensityWeight { get; set; }
    }
}
