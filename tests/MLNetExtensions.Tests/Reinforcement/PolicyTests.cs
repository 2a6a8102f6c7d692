using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Debiasing;
using MLNetExtensions.Debiasing.Synthetic;
using MLNetExtensions.Debiasing.Trainers;
using MLNetExtensions.Persistence;
using MLNetExtensions.Reinforcement;
using MLNetExtensions.Reinforcement.Policies;
using MLNetExtensions.Reinforcement.Training;
using MLNetExtensions.Trainers;
using Xunit;
using static TorchSharp.torch;

namespace MLNetExtensions.Tests.Reinforcement;

/// <summary>The one-step policies: contract shapes, the MLP round trip through ML.NET, the recommender over MF factors.</summary>
public sealed class PolicyTests
{
    private sealed class Row
    {
        [VectorType(2)] public float[] Features { get; set; } = Array.Empty<float>();
        public bool Label { get; set; }
    }

    private sealed class Scored
    {
        public float Probability { get; set; }
    }

    private static List<Row> Rows(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ =>
        {
            var x = new[] { (float)(random.NextDouble() * 2 - 1), (float)(random.NextDouble() * 2 - 1) };
            return new Row { Features = x, Label = x[0] > 0 };
        }).ToList();
    }

    [Fact]
    public void SampledRolloutIsPromptMajorAndScoresMatchTheSamplingLogProbabilities()
    {
        using var policy = new TabularSoftmaxPolicy(2, 3, new float[] { 0, 1, 2, 2, 1, 0 });
        using var generator = new Generator(5);
        using var rollout = policy.Sample(new[] { 1, 0 }, 4, generator);
        Assert.Equal(8, rollout.Rows);
        Assert.Equal(new long[] { 8, 1 }, rollout.Tokens.shape);
        var prompts = Enumerable.Range(0, 8).Select(r => r < 4 ? 1 : 0).ToArray();
        var (logp, entropy) = policy.Score(prompts, rollout.Tokens);
        Assert.Equal(rollout.LogProbabilities.data<float>().ToArray(), logp.detach().data<float>().ToArray());
        // Entropy of softmax(0, 1, 2) by hand: p = (0.0900306, 0.2447285, 0.6652410), H = 0.8323955.
        Assert.All(entropy.detach().data<float>().ToArray(), h => Assert.Equal(0.8323955, h, 5));
        Assert.True(logp.requires_grad);
    }

    [Fact]
    public void ResponsesStopAtTheFirstPaddedToken()
    {
        // Two rows of a sequence rollout: [5, 6, pad] and [7, pad, pad].
        using var rollout = new PolicyRollout(tensor(new long[] { 5, 6, 0, 7, 0, 0 }).reshape(2, 3),
            tensor(new float[] { 1, 1, 0, 1, 0, 0 }).reshape(2, 3), zeros(2, 3), 1);
        var all = rollout.Responses();
        Assert.Equal(new[] { 5, 6 }, all[0]);
        Assert.Equal(new[] { 7 }, all[1]);
        Assert.Equal(rollout.Response(0), all[0]);
        Assert.Equal(rollout.Response(1), all[1]);
    }

    [Fact]
    public void FineTunedMlpIsAnOrdinaryTransformerThatSavesAndLoads()
    {
        var ml = new MLContext(1);
        var train = ml.Data.LoadFromEnumerable(Rows(400, 1));
        var model = ml.Torch().MlpBinaryClassifier(new TorchMlpOptions { HiddenLayers = new[] { 16 }, NumberOfEpochs = 10, LearningRate = 1e-2, Seed = 1 }).Fit(train);
        var contexts = Rows(200, 2);
        // A new goal the classifier was not trained for: answer 1 exactly when the SECOND feature is positive.
        RewardFunction<float[]> reward = (x, action) => action[0] == (x[1] > 0 ? 1 : 0) ? 1.0 : 0.0;
        double Agreement(ITransformer m) => ml.Data.CreateEnumerable<Scored>(m.Transform(ml.Data.LoadFromEnumerable(contexts)), false)
            .Zip(contexts).Average(p => (p.First.Probability > 0.5) == (p.Second.Features[1] > 0) ? 1.0 : 0.0);
        var result = ml.Reinforcement().FineTuneMlp(model, ml.Data.LoadFromEnumerable(contexts), reward,
            new GroupPolicyOptions { NumberOfSteps = 25, LearningRate = 1e-2, PromptsPerStep = 64, Seed = 3 });
        Assert.IsType<TorchMlpTransformer>(result.Model);
        Assert.Equal(25, result.History.Steps.Count);
        double before = Agreement(model), after = Agreement(result.Model);
        Assert.True(after > before + 0.15, $"agreement with the rewarded rule {before} -> {after}");

        var path = Path.Combine(Path.GetTempPath(), $"mlnetx-rl-mlp-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.SaveWithExtensions(result.Model, train.Schema, path);
            var loaded = new MLContext(2).Model.LoadWithExtensions(path, out _);
            var view = ml.Data.LoadFromEnumerable(contexts);
            var original = ml.Data.CreateEnumerable<Scored>(result.Model.Transform(view), false).Select(s => s.Probability).ToArray();
            var reloaded = ml.Data.CreateEnumerable<Scored>(loaded.Transform(view), false).Select(s => s.Probability).ToArray();
            Assert.Equal(original, reloaded);
        }
        finally
        {
            File.Delete(path);
        }
        // The input model was copied, not changed.
        Assert.Equal(before, Agreement(model));
    }

    [Fact]
    public void MlpPolicyRejectsRegressorsAndWrongWidths()
    {
        var ml = new MLContext(1);
        var regressor = ml.Torch().MlpRegressor(new TorchMlpOptions { HiddenLayers = new[] { 4 }, NumberOfEpochs = 1 }).Fit(ml.Data.LoadFromEnumerable(Rows(100, 3).Select(r => new Reg { Features = r.Features, Label = r.Features[0] })));
        Assert.Throws<ArgumentException>(() => MlpSoftmaxPolicy.FromTransformer(regressor));
        var classifier = ml.Torch().MlpBinaryClassifier(new TorchMlpOptions { HiddenLayers = new[] { 4 }, NumberOfEpochs = 1 }).Fit(ml.Data.LoadFromEnumerable(Rows(100, 3)));
        using var policy = MlpSoftmaxPolicy.FromTransformer(classifier);
        Assert.Equal(2, policy.VocabularySize);
        var e = Assert.Throws<ArgumentException>(() => policy.Logits(new[] { new float[] { 1, 2 }, new float[] { 1, 2, 3 } }));
        Assert.Contains("Prompt 1 has 3 features", e.Message);
    }

    private sealed class Reg
    {
        [VectorType(2)] public float[] Features { get; set; } = Array.Empty<float>();
        public float Label { get; set; }
    }

    [Fact]
    public void RecommenderPolicyOverFittedFactorsLearnsFromTheSimulator()
    {
        var ml = new MLContext(0);
        var data = SyntheticMnarGenerator.Generate(new SyntheticMnarOptions { Users = 60, Items = 40, Seed = 4 });
        var mf = ml.Debiasing().Trainers.MatrixFactorization(DebiasingMethod.Naive, numberOfEpochs: 15, seed: 4).Fit(data.Train.ToDataView(ml));
        using var policy = MatrixFactorizationPolicy.FromModel(mf, temperature: 0.5);
        Assert.Equal(40, policy.VocabularySize);
        double ExpectedTrueReward()
        {
            using var noGrad = no_grad();
            var u = tensor(policy.GetUserFactors()).reshape(60, -1);
            var i = tensor(policy.GetItemFactors()).reshape(40, -1);
            var p = (u.matmul(i.t()) / 0.5).softmax(1).data<float>().ToArray();
            double total = 0;
            for (int user = 0; user < 60; user++)
                for (int item = 0; item < 40; item++)
                    total += p[user * 40 + item] * data.TrueLabel(user, item);
            return total / 60;
        }
        double before = ExpectedTrueReward();
        var history = ml.Reinforcement().GroupPolicyTrainer<int>(policy, (user, items) => data.TrueLabel(user, items[0]),
            new GroupPolicyOptions { NumberOfSteps = 15, LearningRate = 0.05, Seed = 1 }).Fit(Enumerable.Range(0, 60).ToArray());
        double after = ExpectedTrueReward();
        Assert.True(after > before + 0.05, $"expected true label of a recommendation {before} -> {after}");
        Assert.Equal(60, policy.GreedyItems().Length);
        Assert.True(history.Steps[^1].MeanEntropy < history.Steps[0].MeanEntropy);

        // The fine-tuned factors as an ordinary MF model: its best item per user is the policy's greedy item, its
        // scores are sigmoid(w . h) of the new factors, and it survives SaveWithExtensions.
        var tuned = policy.ToModel(mf);
        Assert.Equal(policy.GetUserFactors(), tuned.GetUserFactors());
        Assert.NotEqual(mf.GetUserFactors(), tuned.GetUserFactors());
        var greedy = policy.GreedyItems();
        var scores = new double[40];
        for (int user = 0; user < 60; user++)
        {
            tuned.PredictUser(user, scores);
            Assert.Equal(scores.Max(), scores[greedy[user]]);
        }
        var path = Path.Combine(Path.GetTempPath(), $"rl-mf-{Guid.NewGuid():N}.zip");
        try
        {
            var view = data.Train.ToDataView(ml);
            ml.Model.SaveWithExtensions(tuned, view.Schema, path);
            var loaded = (DebiasedMatrixFactorizationTransformer)ml.Model.LoadWithExtensions(path, out _);
            Assert.Equal(tuned.GetItemFactors(), loaded.GetItemFactors());
            Assert.Equal(tuned.Predict(3, 7), loaded.Predict(3, 7));
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Throws<ArgumentException>(() => mf.WithFactors(new float[3], mf.GetItemFactors()));
        var bad = mf.GetItemFactors();
        bad[5] = float.NaN;
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => mf.WithFactors(mf.GetUserFactors(), bad)).Message);
    }
}
