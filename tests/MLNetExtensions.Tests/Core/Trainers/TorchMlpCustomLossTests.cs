using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Trainers;
using Xunit;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MLNetExtensions.Tests.Core.Trainers;

public class TorchMlpCustomLossTests
{
    private sealed class RowWithExtra
    {
        [VectorType(4)] public float[] Features { get; set; } = Array.Empty<float>();
        public bool Label { get; set; }
        [VectorType(2)] public float[] Extra { get; set; } = Array.Empty<float>();
    }

    private static TorchMlpOptions Small() => new() { HiddenLayers = new[] { 8 }, NumberOfEpochs = 3, BatchSize = 32, Seed = 5 };

    [Fact]
    public void CustomLossThatRepeatsTheDefaultGivesTheSameWeights()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(TestData.Ring(300, seed: 1));
        var standard = ml.Torch().MlpBinaryClassifier(Small()).Fit(train);
        var custom = ml.Torch().MlpBinaryClassifier(Small()).WithLoss(new MlpCustomLoss(Array.Empty<string>(), (network, batch) =>
            batch.WeightedMean(F.binary_cross_entropy_with_logits(network.forward(batch.Features).squeeze(1), batch.Labels!, reduction: nn.Reduction.None))))
            .Fit(train);
        Assert.Equal(TorchMlpTrainerTests.Weights(standard), TorchMlpTrainerTests.Weights(custom));
    }

    [Fact]
    public void ExtraColumnsReachTheLossInOrderAndTheResultIsAnOrdinaryMlp()
    {
        var ml = new MLContext(seed: 1);
        var rows = TestData.Ring(200, seed: 2).Select((r, i) => new RowWithExtra { Features = r.Features, Label = r.Label, Extra = new float[] { i, -i } }).ToList();
        var train = ml.Data.LoadFromEnumerable(rows);
        long seenRows = 0;
        var model = ml.Torch().MlpBinaryClassifier(Small()).WithLoss(new MlpCustomLoss(new[] { "Extra" }, (network, batch) =>
        {
            var extra = Assert.Single(batch.Extras);
            Assert.Equal(new long[] { batch.Count, 2 }, extra.shape);
            // Column 1 is minus column 0 on every row, whatever the shuffle: the row's own values arrive.
            Assert.Equal(0f, (extra[.., 0] + extra[.., 1]).abs().max().item<float>());
            seenRows += batch.Count;
            return batch.WeightedMean(F.binary_cross_entropy_with_logits(network.forward(batch.Features).squeeze(1), batch.Labels!, reduction: nn.Reduction.None));
        })).Fit(train);
        Assert.Equal(3 * 200, seenRows);
        Assert.NotNull(model.Transform(train).Schema.GetColumnOrNull("Probability"));

        var missing = ml.Torch().MlpBinaryClassifier(Small()).WithLoss(new MlpCustomLoss(new[] { "Nope" }, (n, b) => b.Features.sum()));
        Assert.Contains("'Nope'", Assert.Throws<ArgumentOutOfRangeException>(() => missing.Fit(train)).Message);
    }

    private sealed class RegressionRow
    {
        [VectorType(4)] public float[] Features { get; set; } = Array.Empty<float>();
        public float Label { get; set; }
    }

    [Fact]
    public void OutputScalingSetsTheOutputLayerAndIsRefusedWhenStreaming()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(TestData.Ring(120, seed: 3).Select((r, i) => new RegressionRow { Features = r.Features, Label = 10 + i % 7 }));
        var options = Small();
        // A loss of the training-space output only, so the shift cannot change the weights: the two models' scores
        // differ by exactly the shift (scale 1 in both).
        Func<MLNetExtensions.Models.MlpNetwork, MLNetExtensions.Training.TensorBatch, Tensor> loss = (network, batch) => network.forward(batch.Features).square().mean();
        float[] Scores(float shift)
        {
            var custom = new MlpCustomLoss(Array.Empty<string>(), loss) { OutputScaling = (rows, indices) => (new[] { shift }, new[] { 1f }) };
            var model = ml.Torch().MlpRegressor(options).WithLoss(custom).Fit(train);
            return model.Transform(train).GetColumn<float>("Score").ToArray();
        }
        var zero = Scores(0);
        var five = Scores(5);
        Assert.All(zero.Zip(five), p => Assert.Equal(p.First + 5, p.Second, 4));

        var streaming = Small();
        streaming.DataMode = MLNetExtensions.Training.TrainingDataMode.Streaming;
        var refused = ml.Torch().MlpRegressor(streaming).WithLoss(new MlpCustomLoss(Array.Empty<string>(), loss) { OutputScaling = (rows, indices) => (new[] { 0f }, new[] { 1f }) });
        Assert.Equal("DataMode", Assert.Throws<ArgumentOutOfRangeException>(() => refused.Fit(train)).ParamName);
    }
}
