using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;
using MLNetExtensions.Persistence;
using MLNetExtensions.Reinforcement;
using MLNetExtensions.Reinforcement.Addition;
using MLNetExtensions.Reinforcement.Sequence;
using Xunit;
using static TorchSharp.torch;

namespace MLNetExtensions.Tests.Reinforcement.Sequence;

public sealed class SequenceModelTransformerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mlnetx-seqmodel-" + Guid.NewGuid().ToString("N"));

    public SequenceModelTransformerTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    // An untrained addition-vocabulary policy: its greedy answers are arbitrary but deterministic, which is all a
    // wrapper test needs (the test checks below that they differ between prompts, so agreement is not vacuous).
    private static TransformerSequencePolicy NewPolicy(double temperature = 0.8) => new(new TransformerPolicyOptions
    {
        VocabularySize = AdditionTokenizer.VocabularySize,
        EndToken = AdditionTokenizer.End,
        Layers = 2,
        ModelDimension = 16,
        Heads = 2,
        FeedForwardSize = 32,
        MaxLength = 12,
        MaxResponseLength = 4,
        Temperature = temperature,
        Seed = 5,
    });

    private sealed class PromptRow
    {
        public string Prompt { get; set; } = "";
        public float Id { get; set; }
    }

    private sealed class ResponseRow
    {
        public string Response { get; set; } = "";
        public float MeanLogProbability { get; set; }
    }

    private static readonly string[] PromptTexts =
    {
        "07+35=", "99+99=", "00+00=", "12+34=", "50+05=", "81+18=", "3+4=", "42+", "9", "66+71=", "28+90=",
    };

    private static PromptRow[] Rows() => PromptTexts.Select((p, i) => new PromptRow { Prompt = p, Id = i }).ToArray();

    [Fact]
    public void GreedyResponsesAndMeanLogProbabilitiesMatchThePolicy()
    {
        var ml = new MLContext(1);
        using var policy = NewPolicy();
        using var model = ml.Reinforcement().SequenceModel(policy, AdditionTokenizer.Vocabulary,
            new SequenceModelOptions { ScoringBatchSize = 4 }); // 11 rows: blocks of 4, 4, 3
        var output = model.Transform(ml.Data.LoadFromEnumerable(Rows()));
        var responses = output.GetColumn<string>("Response").ToArray();
        var means = output.GetColumn<float>("MeanLogProbability").ToArray();
        Assert.Equal(PromptTexts, output.GetColumn<string>("Prompt").ToArray());

        var prompts = PromptTexts.Select(p => (IReadOnlyList<int>)AdditionTokenizer.Encode(p)).ToArray();
        var greedy = policy.Greedy(prompts);
        for (var i = 0; i < prompts.Length; i++)
        {
            Assert.Equal(AdditionTokenizer.Decode(greedy[i]).TrimEnd('$'), responses[i]);
            // Independent reference: the teacher-forced Score of the greedy tokens (one forward pass, not the decoder's).
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var tokens = tensor(greedy[i].Select(t => (long)t).ToArray()).unsqueeze(0);
            var (logProbabilities, _) = policy.Score(new[] { prompts[i] }, tokens);
            Assert.Equal(logProbabilities.mean().item<float>(), means[i], 4);
            Assert.True(means[i] < 0f);
        }
        Assert.True(responses.Distinct().Count() >= 2, "the untrained policy should answer different prompts differently");

        // KeepEndMarker writes the marker back where the policy produced one.
        using var keeping = ml.Reinforcement().SequenceModel(policy, AdditionTokenizer.Vocabulary,
            new SequenceModelOptions { KeepEndMarker = true, MeanLogProbabilityColumnName = null });
        var kept = keeping.Transform(ml.Data.LoadFromEnumerable(Rows()));
        Assert.Null(kept.Schema.GetColumnOrNull("MeanLogProbability"));
        Assert.Equal(greedy.Select(g => AdditionTokenizer.Decode(g)), kept.GetColumn<string>("Response"));
    }

    [Fact]
    public void TheModelIsACopyAndTransformIsLazy()
    {
        var ml = new MLContext(1);
        using var policy = NewPolicy();
        using var model = ml.Reinforcement().SequenceModel(policy, AdditionTokenizer.Vocabulary);
        var data = ml.Data.LoadFromEnumerable(Rows());
        var before = model.Transform(data).GetColumn<string>("Response").ToArray();
        // Changing the original policy afterwards does not change the transformer.
        using (no_grad())
            foreach (var parameter in policy.Network.parameters())
                parameter.add_(0.5f);
        Assert.Equal(before, model.Transform(data).GetColumn<string>("Response").ToArray());

        // A bad prompt is only met when a cursor reaches it: Transform itself decodes nothing.
        var bad = ml.Data.LoadFromEnumerable(new[] { new PromptRow { Prompt = "1+1=" }, new PromptRow { Prompt = "1*1=" } });
        var view = model.Transform(bad);
        Assert.Throws<DataValidationException>(() => view.GetColumn<string>("Response").ToArray());
    }

    [Fact]
    public void PredictionEngineAgreesWithTransform()
    {
        var ml = new MLContext(1);
        using var policy = NewPolicy();
        using var model = ml.Reinforcement().SequenceModel(policy, AdditionTokenizer.Vocabulary);
        var output = model.Transform(ml.Data.LoadFromEnumerable(Rows()));
        var responses = output.GetColumn<string>("Response").ToArray();
        var means = output.GetColumn<float>("MeanLogProbability").ToArray();
        var engine = ml.Model.CreatePredictionEngine<PromptRow, ResponseRow>(model);
        var rows = Rows();
        for (var i = 0; i < rows.Length; i++)
        {
            var single = engine.Predict(rows[i]);
            Assert.Equal(responses[i], single.Response);
            Assert.Equal(means[i], single.MeanLogProbability, 5);
        }
    }

    [Fact]
    public void SaveWithExtensionsRoundTripGivesIdenticalResponsesAndPlainSaveNamesIt()
    {
        var ml = new MLContext(1);
        using var policy = NewPolicy();
        var options = new SequenceModelOptions { PromptColumnName = "Prompt", ResponseColumnName = "Answer", KeepEndMarker = true, ScoringBatchSize = 3 };
        using var model = ml.Reinforcement().SequenceModel(policy, AdditionTokenizer.Vocabulary, options);
        var data = ml.Data.LoadFromEnumerable(Rows());
        var path = Path.Combine(_folder, "sequence.zip");
        ml.Model.SaveWithExtensions(model, data.Schema, path);
        var loaded = Assert.IsType<SequenceModelTransformer>(ml.Model.LoadWithExtensions(path, out var schema));
        Assert.NotNull(schema);
        Assert.Equal(AdditionTokenizer.Vocabulary.Characters, loaded.Vocabulary.Characters);
        Assert.Equal('$', loaded.Vocabulary.EndMarker);
        Assert.True(loaded.Options.KeepEndMarker);
        Assert.Equal(model.Transform(data).GetColumn<string>("Answer").ToArray(), loaded.Transform(data).GetColumn<string>("Answer").ToArray());
        Assert.Equal(model.Transform(data).GetColumn<float>("MeanLogProbability").ToArray(),
            loaded.Transform(data).GetColumn<float>("MeanLogProbability").ToArray());
        Assert.Contains(SequenceModelTransformer.Kind, ComponentRegistry.Kinds);
        loaded.Dispose();

        var e = Assert.Throws<NotSupportedException>(() => ml.Model.Save(model, data.Schema, Path.Combine(_folder, "plain.zip")));
        Assert.Contains("SaveWithExtensions", e.Message);
    }

    [Fact]
    public void AnUnknownCharacterNamesTheColumnRowAndCharacter()
    {
        var ml = new MLContext(1);
        using var policy = NewPolicy();
        using var model = ml.Reinforcement().SequenceModel(policy, AdditionTokenizer.Vocabulary, new SequenceModelOptions { ScoringBatchSize = 2 });
        var rows = Rows();
        rows[3].Prompt = "12-34=";
        var e = Assert.Throws<DataValidationException>(() => model.Transform(ml.Data.LoadFromEnumerable(rows)).GetColumn<string>("Response").ToArray());
        Assert.Contains("Column 'Prompt' at row 3", e.Message);
        Assert.Contains("character '-' (position 2)", e.Message);
        Assert.Equal("Prompt", e.ColumnName);
        Assert.Equal(3L, e.Row);

        rows[3].Prompt = "";
        e = Assert.Throws<DataValidationException>(() => model.Transform(ml.Data.LoadFromEnumerable(rows)).GetColumn<string>("Response").ToArray());
        Assert.Contains("Column 'Prompt' is empty at row 3", e.Message);

        rows[3].Prompt = "123456789+="; // 11 characters + 4 response steps - 1 > MaxLength 12
        e = Assert.Throws<DataValidationException>(() => model.Transform(ml.Data.LoadFromEnumerable(rows)).GetColumn<string>("Response").ToArray());
        Assert.Contains("row 3", e.Message);
        Assert.Contains("at most 9", e.Message);
    }

    [Fact]
    public void BadVocabulariesColumnsAndOptionsAreRejected()
    {
        var ml = new MLContext(1);
        using var policy = NewPolicy();
        Assert.Throws<ArgumentException>(() => new CharacterVocabulary("abca", 'a'));
        Assert.Throws<ArgumentException>(() => new CharacterVocabulary("abc", 'z'));
        var wrongSize = new CharacterVocabulary("0123456789+=", '=');
        Assert.Contains("13 tokens", Assert.Throws<ArgumentException>(() => ml.Reinforcement().SequenceModel(policy, wrongSize)).Message);
        var wrongEnd = new CharacterVocabulary("$0123456789+=", '$');
        Assert.Contains("end token is 12", Assert.Throws<ArgumentException>(() => ml.Reinforcement().SequenceModel(policy, wrongEnd)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ml.Reinforcement().SequenceModel(policy, AdditionTokenizer.Vocabulary,
            new SequenceModelOptions { ScoringBatchSize = 0 }));

        using var model = ml.Reinforcement().SequenceModel(policy, AdditionTokenizer.Vocabulary);
        var numeric = ml.Data.LoadFromEnumerable(new[] { new { Prompt = 1f } });
        Assert.Contains("'Prompt'", Assert.Throws<ArgumentException>(() => model.Transform(numeric)).Message);
        var missing = ml.Data.LoadFromEnumerable(new[] { new { Text = "1+1=" } });
        Assert.Contains("Prompt", Assert.ThrowsAny<ArgumentException>(() => model.Transform(missing)).Message);
    }

    [Fact]
    public void CharacterVocabularyEncodesAsTheAdditionTokenizer()
    {
        const string text = "07+35=24$";
        Assert.Equal(AdditionTokenizer.Encode(text), AdditionTokenizer.Vocabulary.Encode(text));
        Assert.Equal(text, AdditionTokenizer.Vocabulary.Decode(AdditionTokenizer.Encode(text)));
        Assert.Equal("07+35=24", AdditionTokenizer.Vocabulary.Decode(AdditionTokenizer.Encode(text), keepEndMarker: false));
        Assert.Contains("Position 2: 'x'", Assert.Throws<ArgumentException>(() => AdditionTokenizer.Vocabulary.Encode("12x")).Message);
    }
}
