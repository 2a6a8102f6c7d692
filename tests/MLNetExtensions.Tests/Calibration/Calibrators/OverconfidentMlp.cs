using Microsoft.ML;
using MLNetExtensions.Tests.Core;
using MLNetExtensions.Trainers;

namespace MLNetExtensions.Tests.Calibration.Calibrators;

/// <summary>
/// Data with a known true probability p(x) = sigmoid(2 x0 - 2 x1) (x ~ U(-1.5, 1.5)^4, y ~ Bernoulli(p)), and a
/// Torch MLP made over-confident by training it for many epochs on 300 noisy rows: it memorises the noise, so its
/// logits grow far beyond what the data supports.
/// </summary>
public static class OverconfidentMlp
{
    public static (List<TestData.BinaryRow> Rows, double[] TrueProbability) Generate(int n, int seed)
    {
        var random = new Random(seed);
        var rows = new List<TestData.BinaryRow>(n);
        var truth = new double[n];
        for (int i = 0; i < n; i++)
        {
            var x = Enumerable.Range(0, 4).Select(_ => (float)(random.NextDouble() * 3 - 1.5)).ToArray();
            truth[i] = 1 / (1 + Math.Exp(-(2 * x[0] - 2 * x[1])));
            rows.Add(new TestData.BinaryRow { Features = x, Label = random.NextDouble() < truth[i] });
        }
        return (rows, truth);
    }

    public static TorchMlpOptions Options(int epochs = 300) => new()
    {
        HiddenLayers = new[] { 64, 64 },
        NumberOfEpochs = epochs,
        LearningRate = 1e-2,
        BatchSize = 64,
        Seed = 3,
    };

    public static TorchMlpTransformer Train(MLContext ml, IDataView train, int epochs = 300) =>
        ml.Torch().MlpBinaryClassifier(Options(epochs)).Fit(train);
}
