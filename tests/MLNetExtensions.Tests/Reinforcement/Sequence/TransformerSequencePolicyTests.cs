using MLNetExtensions.Reinforcement.Sequence;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MLNetExtensions.Tests.Reinforcement.Sequence;

public class TransformerSequencePolicyTests
{
    private static TransformerSequencePolicy NewPolicy(int seed = 3, double temperature = 1.0) => new(new TransformerPolicyOptions
    {
        VocabularySize = 7,
        EndToken = 6,
        Layers = 2,
        ModelDimension = 16,
        Heads = 2,
        FeedForwardSize = 32,
        MaxLength = 12,
        MaxResponseLength = 5,
        Temperature = temperature,
        Seed = seed,
    });

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    private static IReadOnlyList<int>[] Prompts(params int[][] prompts) => prompts.Select(p => (IReadOnlyList<int>)p).ToArray();

    [Fact]
    public void ChangingALaterTokenDoesNotChangeEarlierLogits()
    {
        using var policy = NewPolicy();
        using var scope = NewDisposeScope();
        var first = tensor(new long[] { 0, 1, 2, 3, 4, 5, 1, 2 }).unsqueeze(0);
        var second = tensor(new long[] { 0, 1, 2, 3, 0, 5, 1, 2 }).unsqueeze(0); // position 4 differs
        using var noGrad = no_grad();
        var a = policy.Network.call(first)[0];
        var b = policy.Network.call(second)[0];
        for (var t = 0; t < 4; t++)
            Assert.True(a[t].allclose(b[t], rtol: 0, atol: 1e-6), $"logits at position {t} changed");
        Assert.False(a[4].allclose(b[4], rtol: 0, atol: 1e-4), "the changed token must change its own position's output");
        Assert.False(a[7].allclose(b[7], rtol: 0, atol: 1e-4), "later positions must see the change");
    }

    [Fact]
    public void ScoreIsLogSoftmaxOfTemperedLogitsGatheredAtEachRowsPositions()
    {
        const double temperature = 0.7;
        using var policy = NewPolicy(temperature: temperature);
        using var scope = NewDisposeScope();
        var prompts = Prompts(new[] { 1, 2, 3 }, new[] { 4, 0 }); // different lengths
        var tokens = tensor(new long[,] { { 5, 1, 6 }, { 2, 6, 6 } });
        var (logProbabilities, _) = policy.Score(prompts, tokens);
        Assert.True(logProbabilities.requires_grad);
        using var noGrad = no_grad();
        var layouts = new[] { new long[] { 1, 2, 3, 5, 1 }, new long[] { 4, 0, 2, 6 } };
        for (var row = 0; row < 2; row++)
        {
            var logits = policy.Network.call(tensor(layouts[row]).unsqueeze(0))[0];
            var reference = nn.functional.log_softmax(logits / temperature, -1);
            var promptLength = prompts[row].Count;
            for (var t = 0; t < 3; t++)
            {
                var expected = reference[promptLength - 1 + t, tokens[row, t].item<long>()].item<float>();
                Assert.Equal(expected, logProbabilities[row, t].item<float>(), 5);
            }
        }
    }

    [Fact]
    public void SampledLogProbabilitiesEqualScoreAndPaddingFollowsTheEndToken()
    {
        using var policy = NewPolicy(temperature: 1.5); // a flat policy ends at different steps
        using var generator = new Generator(11, CPU);
        var prompts = Prompts(new[] { 1, 2, 3 }, new[] { 4 }, new[] { 0, 5 });
        using var rollout = policy.Sample(prompts, 4, generator);
        Assert.Equal(12, rollout.Rows);
        using var scope = NewDisposeScope();
        var rowPrompts = Enumerable.Range(0, rollout.Rows).Select(r => prompts[r / 4]).ToArray();
        var (scored, _) = policy.Score(rowPrompts, rollout.Tokens);
        var difference = ((scored - rollout.LogProbabilities) * rollout.Mask).abs().max().item<float>();
        Assert.True(difference < 1e-5, $"sampled and scored log-probabilities differ by {difference}");

        var tokens = rollout.Tokens.data<long>().ToArray();
        var mask = rollout.Mask.data<float>().ToArray();
        var steps = (int)rollout.Tokens.shape[1];
        for (var row = 0; row < rollout.Rows; row++)
        {
            var ended = false;
            for (var t = 0; t < steps; t++)
            {
                Assert.Equal(ended ? 0f : 1f, mask[row * steps + t]);
                if (ended) Assert.Equal(6, tokens[row * steps + t]);
                if (tokens[row * steps + t] == 6) ended = true;
            }
            var response = rollout.Response(row);
            Assert.True(response.Length == 5 || response[^1] == 6, "a response ends with the end token unless it hit MaxResponseLength");
        }
    }

    [Fact]
    public void EntropyMatchesAHandComputationFromTheLogits()
    {
        const double temperature = 0.8;
        using var policy = NewPolicy(temperature: temperature);
        using var scope = NewDisposeScope();
        var (_, entropy) = policy.Score(Prompts(new[] { 2, 3 }), tensor(new long[,] { { 1, 6 } }));
        using var noGrad = no_grad();
        var logits = policy.Network.call(tensor(new long[] { 2, 3, 1 }).unsqueeze(0))[0];
        for (var t = 0; t < 2; t++)
        {
            // H = -sum_v p_v log p_v with p = softmax(z / T), in double from the raw logits.
            var z = logits[1 + t].to(ScalarType.Float64).data<double>().Select(v => v / temperature).ToArray();
            var max = z.Max();
            var logNormaliser = max + Math.Log(z.Sum(v => Math.Exp(v - max)));
            var expected = -z.Sum(v => Math.Exp(v - logNormaliser) * (v - logNormaliser));
            Assert.Equal(expected, entropy[0, t].item<float>(), 5);
        }
    }

    [Fact]
    public void GreedyPicksTheArgMaxAtEveryStep()
    {
        using var policy = NewPolicy();
        var prompt = Prompts(new[] { 1, 2 });
        var answer = policy.Greedy(prompt)[0];
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logits = policy.ResponseLogits(prompt, tensor(answer.Select(t => (long)t).ToArray()).unsqueeze(0), answer.Length);
        var argMax = logits[0].argmax(-1).data<long>().ToArray();
        Assert.Equal(answer.Select(t => (long)t).ToArray(), argMax);
    }

    [Fact]
    public void SeedFixesTheInitialWeights()
    {
        using var a = NewPolicy(seed: 5);
        using var b = NewPolicy(seed: 5);
        using var c = NewPolicy(seed: 6);
        var pa = a.Network.parameters().ToArray();
        var pb = b.Network.parameters().ToArray();
        var pc = c.Network.parameters().ToArray();
        Assert.All(pa.Zip(pb), p => Assert.True(Same(p.First, p.Second)));
        Assert.Contains(pa.Zip(pc), p => !Same(p.First, p.Second));
    }

    [Fact]
    public void SaveLoadRoundTripGivesIdenticalLogProbabilities()
    {
        using var policy = NewPolicy(temperature: 0.9);
        var path = Path.Combine(Path.GetTempPath(), $"policy-{Guid.NewGuid():N}.zip");
        try
        {
            policy.Save(path);
            using var loaded = TransformerSequencePolicy.Load(path);
            Assert.Equal(0.9, loaded.Options.Temperature);
            loaded.Options.Temperature = 3.0; // a copy: the policy keeps its own settings
            Assert.Equal(0.9, loaded.Network.Options.Temperature);
            using var scope = NewDisposeScope();
            var prompts = Prompts(new[] { 1, 2, 3 }, new[] { 4 });
            var tokens = tensor(new long[,] { { 5, 1, 6 }, { 2, 3, 6 } });
            var (before, entropyBefore) = policy.Score(prompts, tokens);
            var (after, entropyAfter) = loaded.Score(prompts, tokens);
            Assert.True(Same(before, after));
            Assert.True(Same(entropyBefore, entropyAfter));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadRejectsWeightsThatDoNotMatchTheOptions()
    {
        using var small = NewPolicy();
        using var stream = new MemoryStream();
        small.Save(stream);
        // Rewrite model.json with a wider model: the weights no longer fit.
        using (var archive = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = archive.GetEntry("model.json")!;
            string json;
            using (var reader = new StreamReader(entry.Open())) json = reader.ReadToEnd();
            entry.Delete();
            using var writer = new StreamWriter(archive.CreateEntry("model.json").Open());
            writer.Write(json.Replace("\"ModelDimension\": 16", "\"ModelDimension\": 32", StringComparison.Ordinal));
        }
        stream.Position = 0;
        var error = Assert.Throws<InvalidDataException>(() => TransformerSequencePolicy.Load(stream));
        Assert.Contains("weights.bin", error.Message);
    }

    [Fact]
    public void BadInputIsRejectedWithTheCulpritNamed()
    {
        using var policy = NewPolicy();
        using var generator = new Generator(1, CPU);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => policy.Sample(Array.Empty<IReadOnlyList<int>>(), 2, generator)).Message);
        var outOfVocabulary = Assert.Throws<ArgumentOutOfRangeException>(() => policy.Sample(Prompts(new[] { 1 }, new[] { 2, 3, 9 }), 2, generator));
        Assert.Contains("Prompt 1, position 2: token 9", outOfVocabulary.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => policy.Sample(Prompts(new[] { 1 }), 0, generator));
        Assert.Contains("Prompt 0 is empty", Assert.Throws<ArgumentException>(() => policy.Greedy(Prompts(Array.Empty<int>()))).Message);
        Assert.Contains("MaxLength", Assert.Throws<ArgumentException>(() => policy.Greedy(Prompts(new int[10]))).Message);
        Assert.Throws<ArgumentException>(() => policy.Score(Prompts(new[] { 1 }), zeros(2, 3, dtype: ScalarType.Int64)));
        var heads = Assert.Throws<ArgumentOutOfRangeException>(() => new TransformerSequencePolicy(new TransformerPolicyOptions
        {
            VocabularySize = 5, EndToken = 4, ModelDimension = 10, Heads = 3,
        }));
        Assert.Equal("Heads", heads.ParamName);
    }
}
