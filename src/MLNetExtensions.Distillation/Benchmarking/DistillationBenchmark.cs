using MLNetExtensions.Data;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using MLNetExtensions.Distillation.Reporting;
using MLNetExtensions.Distillation.Trainers;
using MLNetExtensions.Trainers;

namespace MLNetExtensions.Distillation.Benchmarking;

/// <summary>Data of a <see cref="DistillationBenchmark"/>.</summary>
public enum DistillationBenchmarkData
{
    /// <summary>Generated binary task (no files): 8 features uniform on [-1.5, 1.5], P(y = 1 | x) = sigmoid(3(1 - x0^2 - x1^2) + x2).</summary>
    Synthetic,

    /// <summary>UCI Adult from <c>$MLNETEXT_DATA_DIR/adult/adult.txt</c> (70/30 split per seed).</summary>
    Adult,
}

/// <summary>Options of <see cref="DistillationBenchmark.Run"/>. Null sizes take the data set's default.</summary>
public sealed record DistillationBenchmarkOptions
{
    /// <summary>Data set. Default synthetic.</summary>
    public DistillationBenchmarkData Data { get; init; } = DistillationBenchmarkData.Synthetic;

    /// <summary>Number of seeds (FirstSeed, FirstSeed + 1, ...). Default 3.</summary>
    public int Seeds { get; init; } = 3;

    /// <summary>First seed. Default 1.</summary>
    public int FirstSeed { get; init; } = 1;

    /// <summary>Student epochs; default 30 (synthetic) or 10 (Adult).</summary>
    public int? Epochs { get; init; }

    /// <summary>Generated training rows (synthetic only). Default 4,000.</summary>
    public int TrainRows { get; init; } = 4_000;

    /// <summary>Generated test rows (synthetic only). Default 10,000.</summary>
    public int TestRows { get; init; } = 10_000;

    /// <summary>Reference data folder (holding <c>adult/adult.txt</c>); default <see cref="ReferenceDataDirectory.Resolve"/>.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Data))
            throw new ArgumentOutOfRangeException(nameof(Data), Data, "DistillationBenchmarkOptions.Data must be Synthetic or Adult.");
        if (Seeds < 1)
            throw new ArgumentOutOfRangeException(nameof(Seeds), Seeds, "DistillationBenchmarkOptions.Seeds must be at least 1.");
        if (Epochs is < 1)
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "DistillationBenchmarkOptions.Epochs must be at least 1.");
        if (TrainRows < 100)
            throw new ArgumentOutOfRangeException(nameof(TrainRows), TrainRows, "DistillationBenchmarkOptions.TrainRows must be at least 100.");
        if (TestRows < 100)
            throw new ArgumentOutOfRangeException(nameof(TestRows), TestRows, "DistillationBenchmarkOptions.TestRows must be at least 100.");
    }
}

/// <summary>Mean and sample standard deviation (0 for one value) over seeds.</summary>
public readonly record struct MeanStd(double Mean, double Std)
{
    /// <summary>Mean and sample standard deviation of <paramref name="values"/>.</summary>
    public static MeanStd Of(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        double sd = values.Count > 1 ? Math.Sqrt(values.Sum(x => (x - mean) * (x - mean)) / (values.Count - 1)) : 0;
        return new MeanStd(mean, sd);
    }
}

/// <summary>One model's figures over seeds (mean and standard deviation).</summary>
public sealed record DistillationBenchmarkFigures(
    string Name, string Role, MeanStd Accuracy, MeanStd LogLoss, MeanStd Ece, MeanStd Brier, long? Parameters,
    MeanStd ModelBytes, MeanStd LatencyMicrosecondsPerRow, MeanStd RowsPerSecond);

/// <summary>The result of <see cref="DistillationBenchmark.Run"/>: the teacher and each method's figures, and the per-seed reports.</summary>
public sealed class DistillationBenchmarkResult
{
    internal DistillationBenchmarkResult(string data, string description, IReadOnlyList<int> seeds, int epochs, long trainRows, long testRows,
        DistillationBenchmarkFigures teacher, IReadOnlyList<DistillationBenchmarkFigures> methods, IReadOnlyList<DistillationReport> reports)
    {
        Data = data;
        Description = description;
        Seeds = seeds;
        Epochs = epochs;
        TrainRows = trainRows;
        TestRows = testRows;
        Teacher = teacher;
        Methods = methods;
        Reports = reports;
    }

    /// <summary>"synthetic" or "adult".</summary>
    public string Data { get; }

    /// <summary>What the data and the teacher are.</summary>
    public string Description { get; }

    /// <summary>The seeds used.</summary>
    public IReadOnlyList<int> Seeds { get; }

    /// <summary>Student epochs.</summary>
    public int Epochs { get; }

    /// <summary>Training rows (of the first seed).</summary>
    public long TrainRows { get; }

    /// <summary>Test rows (of the first seed).</summary>
    public long TestRows { get; }

    /// <summary>The LightGBM teacher.</summary>
    public DistillationBenchmarkFigures Teacher { get; }

    /// <summary>plain, kd, reverse_kl, bdkd in that order.</summary>
    public IReadOnlyList<DistillationBenchmarkFigures> Methods { get; }

    /// <summary>The report of each seed.</summary>
    public IReadOnlyList<DistillationReport> Reports { get; }

    /// <summary>
    /// One JSON object: benchmark, data, description, seeds, epochs, train_rows, test_rows, teacher {figures} and
    /// methods {plain, kd, reverse_kl, bdkd: figures}; figures are role, accuracy, log_loss, ece, brier,
    /// model_bytes, latency_us_per_row, rows_per_second (each {mean, std}) and parameters (null for the teacher).
    /// </summary>
    public string ToJson(bool indented = false)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("benchmark", "distillation");
            w.WriteString("data", Data);
            w.WriteString("description", Description);
            w.WriteStartArray("seeds");
            foreach (int s in Seeds) w.WriteNumberValue(s);
            w.WriteEndArray();
            w.WriteNumber("epochs", Epochs);
            w.WriteNumber("train_rows", TrainRows);
            w.WriteNumber("test_rows", TestRows);
            w.WritePropertyName("teacher");
            Figures(w, Teacher);
            w.WriteStartObject("methods");
            foreach (var m in Methods)
            {
                w.WritePropertyName(m.Name);
                Figures(w, m);
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Figures(Utf8JsonWriter w, DistillationBenchmarkFigures f)
    {
        w.WriteStartObject();
        w.WriteString("role", f.Role);
        Stat(w, "accuracy", f.Accuracy);
        Stat(w, "log_loss", f.LogLoss);
        Stat(w, "ece", f.Ece);
        Stat(w, "brier", f.Brier);
        if (f.Parameters is { } p) w.WriteNumber("parameters", p); else w.WriteNull("parameters");
        Stat(w, "model_bytes", f.ModelBytes);
        Stat(w, "latency_us_per_row", f.LatencyMicrosecondsPerRow);
        Stat(w, "rows_per_second", f.RowsPerSecond);
        w.WriteEndObject();
    }

    private static void Stat(Utf8JsonWriter w, string name, MeanStd value)
    {
        w.WriteStartObject(name);
        Number(w, "mean", value.Mean);
        Number(w, "std", value.Std);
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value); else w.WriteNull(name);
    }

    /// <summary>A readable table: mean (standard deviation) over seeds.</summary>
    public string ToTable()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"Distillation benchmark, {Data}: {Description}");
        text.AppendLine(c, $"Seeds {string.Join(", ", Seeds)}; {Epochs} student epochs; {TrainRows:N0} train / {TestRows:N0} test rows. Mean (std) over seeds.");
        text.AppendLine();
        text.AppendLine("| model | role | accuracy | log loss | ECE | Brier | parameters | bytes | µs/row | rows/s |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var f in Methods.Prepend(Teacher))
            text.AppendLine(c,
                $"| {f.Name} | {f.Role} | {Cell(f.Accuracy)} | {Cell(f.LogLoss)} | {Cell(f.Ece)} | {Cell(f.Brier)} | {(f.Parameters is { } p ? p.ToString("N0", c) : "n/a")} | {f.ModelBytes.Mean:N0} | {f.LatencyMicrosecondsPerRow.Mean:F2} | {f.RowsPerSecond.Mean:N0} |");
        return text.ToString();

        string Cell(MeanStd v) => string.Format(c, "{0:F4} ({1:F4})", v.Mean, v.Std);
    }

    /// <inheritdoc/>
    public override string ToString() => ToTable();
}

/// <summary>
/// The distillation benchmark (docs/distillation.md): a LightGBM teacher distilled into a Torch MLP 32-32 student with
/// plain (no teacher), KD, reverse-KL and BD-KD losses (T = 2, alpha = 0.5), per seed; every model is scored by
/// <see cref="DistillationCatalog.Compare"/> on held-out rows and the figures are averaged over seeds. Used by
/// <c>mlnetx bench distillation</c> and the benchmark project's <c>distillation-study</c>.
/// </summary>
public static class DistillationBenchmark
{
    /// <summary>The student methods, in report order.</summary>
    public static IReadOnlyList<(string Name, DistillationLoss Loss)> Methods { get; } = new[]
    {
        ("plain", DistillationLoss.Plain),
        ("kd", DistillationLoss.Kd),
        ("reverse_kl", DistillationLoss.ReverseKl),
        ("bdkd", DistillationLoss.BdKd),
    };

    /// <summary>
    /// The path of adult.txt under <paramref name="dataDirectory"/> (default: <see cref="ReferenceDataDirectory.Resolve"/>),
    /// or null with <paramref name="reason"/> saying where it looked.
    /// </summary>
    public static string? FindAdult(string? dataDirectory, out string reason) => AdultDataSet.Find(dataDirectory, out reason);

    /// <summary>
    /// Runs the benchmark. Throws <see cref="ArgumentOutOfRangeException"/> for invalid options and
    /// <see cref="FileNotFoundException"/> when Adult is asked for and absent. <paramref name="progress"/> gets a line per student.
    /// </summary>
    public static DistillationBenchmarkResult Run(DistillationBenchmarkOptions options, TextWriter? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        bool adult = options.Data == DistillationBenchmarkData.Adult;
        string? adultPath = null;
        if (adult && (adultPath = FindAdult(options.DataDirectory, out var reason)) is null)
            throw new FileNotFoundException(reason);
        int epochs = options.Epochs ?? (adult ? 10 : 30);
        // Teacher: LightGBM 200 trees x 31 leaves on Adult; the regularised 100 x 8 on the generated task (the
        // 200 x 31 one over-fits 4,000 noisy rows, docs/distillation.md).
        var (leaves, trees, rate, minLeaf) = adult ? (31, 200, 0.1, 20) : (8, 100, 0.05, 50);
        string description = adult
            ? "UCI Adult (70/30 split per seed, 6 numeric + one-hot of 8 categorical columns); teacher LightGBM 200x31"
            : "generated binary (8 features, P(y=1|x) = sigmoid(3(1 - x0^2 - x1^2) + x2)); teacher LightGBM 100x8";
        var seeds = Enumerable.Range(options.FirstSeed, options.Seeds).ToArray();
        var reports = new List<DistillationReport>();
        long trainRows = 0, testRows = 0;
        foreach (int seed in seeds)
        {
            var ml = new MLContext(seed: seed);
            var (train, test) = adult
                ? AdultSplit(ml, adultPath!, seed)
                : (ml.Data.LoadFromEnumerable(SyntheticBinary(options.TrainRows, seed)), ml.Data.LoadFromEnumerable(SyntheticBinary(options.TestRows, seed + 1000)));
            train = ml.Data.Cache(train);
            test = ml.Data.Cache(test);   // latency then measures the models, not the upstream featurisation
            if (reports.Count == 0)
            {
                trainRows = train.GetRowCount() ?? Count(train);
                testRows = test.GetRowCount() ?? Count(test);
            }
            var teacher = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                NumberOfLeaves = leaves,
                NumberOfIterations = trees,
                LearningRate = rate,
                MinimumExampleCountPerLeaf = minLeaf,
                Seed = seed,
            }).Fit(train);
            var models = new List<DistillationModel> { new("teacher", "teacher", teacher) };
            foreach (var (name, loss) in Methods)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var student = ml.Distillation().Trainers.BinaryStudent(loss == DistillationLoss.Plain ? null : teacher, StudentOptions(loss, epochs, seed)).Fit(train);
                progress?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {seed}: {name} trained in {watch.Elapsed.TotalSeconds:F1} s"));
                models.Add(new DistillationModel(name, "student", student));
            }
            reports.Add(ml.Distillation().Compare(test, models));
        }
        var rows = reports.SelectMany(r => r.Rows).ToList();
        DistillationBenchmarkFigures Figures(string name)
        {
            var g = rows.Where(r => r.Model == name).ToList();
            MeanStd S(Func<DistillationReportRow, double> f) => MeanStd.Of(g.Select(f).ToList());
            return new DistillationBenchmarkFigures(name, g[0].Role, S(r => r.Accuracy), S(r => r.LogLoss), S(r => r.Ece), S(r => r.Brier),
                g[0].Parameters, S(r => r.ModelBytes), S(r => r.LatencyMicrosecondsPerRow), S(r => r.RowsPerSecond));
        }
        return new DistillationBenchmarkResult(adult ? "adult" : "synthetic", description, seeds, epochs, trainRows, testRows,
            Figures("teacher"), Methods.Select(m => Figures(m.Name)).ToList(), reports);
    }

    /// <summary>The student options of the benchmark and the study: MLP 32-32, Adam 3e-3, batch 128, T = 2, alpha = 0.5.</summary>
    public static DistillationOptions StudentOptions(DistillationLoss loss, int epochs, int seed) => new()
    {
        Loss = loss,
        Temperature = 2,
        Alpha = 0.5,
        Student = new TorchMlpOptions
        {
            HiddenLayers = new[] { 32, 32 },
            NumberOfEpochs = epochs,
            LearningRate = 3e-3,
            BatchSize = 128,
            Seed = seed,
        },
    };

    private static long Count(IDataView view)
    {
        long n = 0;
        using var cursor = view.GetRowCursor(Array.Empty<DataViewSchema.Column>());
        while (cursor.MoveNext()) n++;
        return n;
    }

    /// <summary>A row of the generated binary task.</summary>
    public sealed class SyntheticRow
    {
        /// <summary>8 features uniform on [-1.5, 1.5].</summary>
        [VectorType(8)] public float[] Features { get; set; } = Array.Empty<float>();

        /// <summary>Drawn from P(y = 1 | x) = sigmoid(3(1 - x0^2 - x1^2) + x2).</summary>
        public bool Label { get; set; }
    }

    /// <summary>The showcase's probabilistic binary task: labels genuinely uncertain, known true probability.</summary>
    public static IEnumerable<SyntheticRow> SyntheticBinary(int count, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            var x = new float[8];
            for (int j = 0; j < x.Length; j++) x[j] = (float)(random.NextDouble() * 3 - 1.5);
            double logit = 3 * (1 - x[0] * x[0] - x[1] * x[1]) + x[2];
            yield return new SyntheticRow { Features = x, Label = random.NextDouble() < 1 / (1 + Math.Exp(-logit)) };
        }
    }

    /// <summary>UCI Adult at <paramref name="path"/>: 70/30 split with <paramref name="seed"/>, Label (Boolean) and Features (numeric + one-hot categorical), fitted on the training part.</summary>
    public static (IDataView Train, IDataView Test) AdultSplit(MLContext ml, string path, int seed)
    {
        var categorical = AdultDataSet.CategoricalColumns;
        var split = ml.Data.TrainTestSplit(AdultDataSet.Load(ml, path), testFraction: 0.3, seed: seed);
        var featurise = ml.Transforms.Conversion.ConvertType("Label", AdultDataSet.LabelColumnName, DataKind.Boolean)
            .Append(ml.Transforms.Categorical.OneHotEncoding(categorical.Select(c => new InputOutputColumnPair(c + "_onehot", c)).ToArray()))
            .Append(ml.Transforms.Concatenate("Features", AdultDataSet.NumericColumns.Concat(categorical.Select(c => c + "_onehot")).ToArray()))
            .Fit(split.TrainSet);
        return (featurise.Transform(split.TrainSet), featurise.Transform(split.TestSet));
    }
}
