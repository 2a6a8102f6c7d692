using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Persistence;
using MLNetExtensions.Trainers;
using Xunit;

namespace MLNetExtensions.Tests.Core.Persistence;

public sealed class ExtensionModelSerializerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlnetx-persist-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private sealed class RawRow
    {
        public float A { get; set; }
        public float B { get; set; }
        public float C { get; set; }
        public float D { get; set; }
        public string Label { get; set; } = "";
    }

    private static List<RawRow> Raw(int n, int seed) => TestData.Sectors(n, seed)
        .Select(r => new RawRow { A = r.Features[0], B = r.Features[1], C = r.Features[2], D = r.Features[3], Label = r.Label }).ToList();

    /// <summary>ML.NET parts before and after ours, a nested chain, multiclass annotations: all survive a round trip bit for bit.</summary>
    [Fact]
    public void MixedChainRoundTripIsBitIdentical()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(Raw(600, 1));
        var pipeline = ml.Transforms.Concatenate("Features", "A", "B", "C", "D")
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
            .Append(ml.Torch().MlpMulticlassClassifier(hiddenLayers: new[] { 16 }, numberOfEpochs: 5, learningRate: 0.01))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedText", "PredictedLabel"));
        var model = pipeline.Fit(data);
        // Nest: chain( chain(model), ML.NET transformer ).
        var nested = new TransformerChain<ITransformer>(model, ml.Transforms.CopyColumns("ScoreCopy", "Score").Fit(model.Transform(data)));

        var path = Path.Combine(_folder, "model.zip");
        ml.Model.SaveWithExtensions(nested, data.Schema, path);
        var loaded = new MLContext(2).Model.LoadWithExtensions(path, out var schema);

        Assert.Equal(data.Schema.Select(c => (c.Name, c.Type.ToString())), schema.Select(c => (c.Name, c.Type.ToString())));
        var before = nested.Transform(data);
        var after = loaded.Transform(data);
        Assert.Equal(Flatten(before, "Score"), Flatten(after, "Score"));
        Assert.Equal(Flatten(before, "ScoreCopy"), Flatten(after, "ScoreCopy"));
        Assert.Equal(before.GetColumn<ReadOnlyMemory<char>>("PredictedText").Select(t => t.ToString()),
                     after.GetColumn<ReadOnlyMemory<char>>("PredictedText").Select(t => t.ToString()));
        var outer = Assert.IsType<TransformerChain<ITransformer>>(loaded);
        Assert.IsType<TransformerChain<ITransformer>>(outer.First());
    }

    [Fact]
    public void BareTransformerRoundTripIsBitIdenticalAndPredictionEngineWorks()
    {
        var ml = new MLContext(1);
        var rows = TestData.Ring(300, 2);
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.Torch().MlpBinaryClassifier(numberOfEpochs: 3).Fit(data);
        var path = Path.Combine(_folder, "mlp.zip");
        ml.Model.SaveWithExtensions(model, data.Schema, path);
        var loaded = ml.Model.LoadWithExtensions(path, out _);
        Assert.Equal(Flatten(model.Transform(data), "Score"), Flatten(loaded.Transform(data), "Score"));
        Assert.Equal(Flatten(model.Transform(data), "Probability"), Flatten(loaded.Transform(data), "Probability"));
        var engine = ml.Model.CreatePredictionEngine<TestData.BinaryRow, Prediction>(loaded);
        var original = ml.Model.CreatePredictionEngine<TestData.BinaryRow, Prediction>(model);
        Assert.Equal(original.Predict(rows[0]).Score, engine.Predict(rows[0]).Score);
    }

    [Fact]
    public void MlNetSaveThrowsAndNamesTheMethodToUse()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(TestData.Ring(50, 3));
        var model = ml.Torch().MlpBinaryClassifier(numberOfEpochs: 1).Fit(data);
        var e = Assert.Throws<NotSupportedException>(() => ml.Model.Save(model, data.Schema, Path.Combine(_folder, "x.zip")));
        Assert.Contains("SaveWithExtensions", e.Message);
    }

    [Fact]
    public void CorruptedOrForeignFilesAreRejectedClearly()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(TestData.Ring(50, 3));
        var model = ml.Torch().MlpBinaryClassifier(numberOfEpochs: 1).Fit(data);
        var good = Path.Combine(_folder, "good.zip");
        ml.Model.SaveWithExtensions(model, data.Schema, good);

        var notZip = Path.Combine(_folder, "notzip.zip");
        File.WriteAllText(notZip, "hello");
        Assert.Contains("not a valid", Assert.Throws<InvalidDataException>(() => ml.Model.LoadWithExtensions(notZip, out _)).Message);

        Assert.Contains("manifest", Assert.Throws<InvalidDataException>(() => ml.Model.LoadWithExtensions(Rewrite(good, "nomanifest.zip", (name, text) => name == "manifest.json" ? null : text), out _)).Message);

        var unknown = Rewrite(good, "unknown.zip", (name, text) => name == "manifest.json" ? text!.Replace(TorchMlpTransformer.Kind, "Evil.Kind") : text);
        Assert.Contains("'Evil.Kind'", Assert.Throws<InvalidDataException>(() => ml.Model.LoadWithExtensions(unknown, out _)).Message);

        var future = Rewrite(good, "future.zip", (name, text) => name == "manifest.json" ? text!.Replace("\"FormatVersion\": 1", "\"FormatVersion\": 99") : text);
        Assert.Contains("format version 99", Assert.Throws<InvalidDataException>(() => ml.Model.LoadWithExtensions(future, out _)).Message);

        var noWeights = Rewrite(good, "noweights.zip", (name, text) => name.EndsWith("weights.bin") ? null : text);
        Assert.Contains("weights.bin", Assert.Throws<InvalidDataException>(() => ml.Model.LoadWithExtensions(noWeights, out _)).Message);

        // model.json says 5 features but the weights were trained with 4: a shape mismatch.
        var mismatch = Rewrite(good, "mismatch.zip", (name, text) => name.EndsWith("model.json") ? text!.Replace("\"FeatureWidth\": 4", "\"FeatureWidth\": 5") : text);
        Assert.Contains("does not match", Assert.Throws<InvalidDataException>(() => ml.Model.LoadWithExtensions(mismatch, out _)).Message);

        var truncated = Path.Combine(_folder, "truncated.zip");
        var bytes = File.ReadAllBytes(good);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        Assert.Throws<InvalidDataException>(() => ml.Model.LoadWithExtensions(truncated, out _));
    }

    [Fact]
    public void SaveReplacesAtomicallyAndLeavesNoTemporaryFiles()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(TestData.Ring(50, 3));
        var model = ml.Torch().MlpBinaryClassifier(numberOfEpochs: 1).Fit(data);
        var path = Path.Combine(_folder, "atomic.zip");
        File.WriteAllText(path, "old model");
        ml.Model.SaveWithExtensions(model, data.Schema, path);
        Assert.Equal(new[] { "atomic.zip" }, Directory.GetFiles(_folder).Select(Path.GetFileName));
        ml.Model.LoadWithExtensions(path, out _);
    }

    private string Rewrite(string source, string name, Func<string, string?, string?> edit)
    {
        var target = Path.Combine(_folder, name);
        using var input = ZipFile.OpenRead(source);
        using var output = ZipFile.Open(target, ZipArchiveMode.Create);
        foreach (var entry in input.Entries)
        {
            using var stream = entry.Open();
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            bool isText = entry.Name.EndsWith(".json");
            var edited = edit(entry.FullName, isText ? System.Text.Encoding.UTF8.GetString(memory.ToArray()) : "");
            if (edited is null) continue;
            using var target2 = output.CreateEntry(entry.FullName).Open();
            if (isText) target2.Write(System.Text.Encoding.UTF8.GetBytes(edited));
            else target2.Write(memory.ToArray());
        }
        return target;
    }

    private static float[] Flatten(IDataView view, string column)
    {
        var type = view.Schema[column].Type;
        return type is VectorDataViewType
            ? view.GetColumn<float[]>(column).SelectMany(v => v).ToArray()
            : view.GetColumn<float>(column).ToArray();
    }

    public sealed class Prediction
    {
        public float Score { get; set; }
    }
}
