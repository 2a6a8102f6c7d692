using MLNetExtensions.Data;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using MLNetExtensions.Distillation.Adversarial;
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

    /// <summary>
    /// L-infinity radius of the PGD attacks in standardised feature units (training: 10 steps of epsilon / 4; evaluation:
    /// PGD-20, steps of epsilon / 8). Adult's one-hot slots are frozen. Default: 0.1 on the generated task (at 0.25
    /// PGD adversarial training collapses to the majority class there: too many rows lie within 0.25 standard
    /// deviations of the circular boundary), 0.25 on Adult.
    /// </summary>
    public double? Epsilon { get; init; }

    /// <summary>Train and report the robust methods (robust teacher, adversarial, robust_kd, mtard). Default true.</summary>
    public bool Robust { get; init; } = true;

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
        if (Epsilon is { } eps && (!(eps > 0) || !double.IsFinite(eps)))
            throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "DistillationBenchmarkOptions.Epsilon must be positive and finite.");
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

/// <summary>
/// One model's figures over seeds (mean and standard deviation). <paramref name="RobustAccuracy"/>: PGD-20 accuracy
/// (null for the LightGBM teacher and when the robust methods are off); <paramref name="TrainingRowsPerSecond"/>:
/// training rows x epochs / training seconds (null for the teacher, whose training is not timed).
/// </summary>
public sealed record DistillationBenchmarkFigures(
    string Name, string Role, MeanStd Accuracy, MeanStd LogLoss, MeanStd Ece, MeanStd Brier, long? Parameters,
    MeanStd ModelBytes, MeanStd LatencyMicrosecondsPerRow, MeanStd RowsPerSecond, MeanStd? RobustAccuracy = null,
    MeanStd? TrainingRowsPerSecond = null);

/// <summary>The result of <see cref="DistillationBenchmark.Run"/>: the teacher and each method's figures, and the per-seed reports.</summary>
public sealed class DistillationBenchmarkResult
{
    internal DistillationBenchmarkResult(string data, string description, IReadOnlyList<int> seeds, int epochs, long trainRows, long testRows,
        DistillationBenchmarkFigures teacher, DistillationBenchmarkFigures? robustTeacher, IReadOnlyList<DistillationBenchmarkFigures> methods,
        IReadOnlyList<DistillationReport> reports, double? epsilon, IReadOnlyList<MtardBalanceSummary> mtardBalances,
        DistillationBenchmarkFigures onlineTeacher)
    {
        OnlineTeacher = onlineTeacher;
        MtardBalances = mtardBalances;
        RobustTeacher = robustTeacher;
        Epsilon = epsilon;
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

    /// <summary>The PGD-trained MLP 64-64 teacher of robust_kd and mtard; null when the robust methods are off.</summary>
    public DistillationBenchmarkFigures? RobustTeacher { get; }

    /// <summary>The MLP 128-128 teacher trained jointly with the online_bdkd student (online BD-KD).</summary>
    public DistillationBenchmarkFigures OnlineTeacher { get; }

    /// <summary>Final MTARD temperatures and weights per seed; empty when the robust methods are off.</summary>
    public IReadOnlyList<MtardBalanceSummary> MtardBalances { get; }

    /// <summary>Attack radius (standardised units); null when the robust methods are off.</summary>
    public double? Epsilon { get; }

    /// <summary>plain, kd, reverse_kl, bdkd, online_bdkd, then (robust methods on) adversarial, robust_kd, mtard, in that order.</summary>
    public IReadOnlyList<DistillationBenchmarkFigures> Methods { get; }

    /// <summary>The report of each seed.</summary>
    public IReadOnlyList<DistillationReport> Reports { get; }

    /// <summary>
    /// One JSON object: benchmark, data, description, seeds, epochs, train_rows, test_rows, epsilon (null when the
    /// robust methods are off), teacher {figures}, robust_teacher {figures} (or null), online_teacher {figures} (the
    /// teacher trained jointly with online_bdkd) and methods {plain, kd, reverse_kl, bdkd, online_bdkd, adversarial,
    /// robust_kd, mtard: figures}; figures are role, accuracy, log_loss, ece, brier,
    /// model_bytes, latency_us_per_row, rows_per_second, robust_accuracy, training_rows_per_second (each {mean, std},
    /// or null where not measured) and parameters (null for the teacher).
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
            if (Epsilon is { } eps) w.WriteNumber("epsilon", eps); else w.WriteNull("epsilon");
            w.WritePropertyName("teacher");
            Figures(w, Teacher);
            w.WritePropertyName("robust_teacher");
            if (RobustTeacher is { } robust) Figures(w, robust); else w.WriteNullValue();
            w.WritePropertyName("online_teacher");
            Figures(w, OnlineTeacher);
            w.WriteStartObject("methods");
            foreach (var m in Methods)
            {
                w.WritePropertyName(m.Name);
                Figures(w, m);
            }
            w.WriteEndObject();
            w.WriteStartArray("mtard_balance");
            foreach (var b in MtardBalances)
            {
                w.WriteStartObject();
                w.WriteNumber("seed", b.Seed);
                w.WriteStartArray("teachers");
                foreach (var t in b.Teachers) w.WriteStringValue(t);
                w.WriteEndArray();
                w.WriteStartArray("temperatures");
                foreach (var t in b.Temperatures) w.WriteNumberValue(t);
                w.WriteEndArray();
                w.WriteStartArray("weights");
                foreach (var x in b.Weights) w.WriteNumberValue(x);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
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
        if (f.RobustAccuracy is { } r) Stat(w, "robust_accuracy", r); else w.WriteNull("robust_accuracy");
        if (f.TrainingRowsPerSecond is { } t) Stat(w, "training_rows_per_second", t); else w.WriteNull("training_rows_per_second");
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
        if (Epsilon is { } eps)
            text.AppendLine(c, $"Robust accuracy: PGD-20, L-inf epsilon {eps} standardised units (steps of epsilon / 8).");
        text.AppendLine();
        text.AppendLine("| model | role | accuracy | PGD-20 accuracy | log loss | ECE | Brier | parameters | bytes | µs/row | rows/s | train rows/s |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var models = new List<DistillationBenchmarkFigures> { Teacher };
        if (RobustTeacher is not null) models.Add(RobustTeacher);
        models.Add(OnlineTeacher);
        models.AddRange(Methods);
        foreach (var f in models)
            text.AppendLine(c,
                $"| {f.Name} | {f.Role} | {Cell(f.Accuracy)} | {(f.RobustAccuracy is { } r ? Cell(r) : "n/a")} | {Cell(f.LogLoss)} | {Cell(f.Ece)} | {Cell(f.Brier)} | {(f.Parameters is { } p ? p.ToString("N0", c) : "n/a")} | {f.ModelBytes.Mean:N0} | {f.LatencyMicrosecondsPerRow.Mean:F2} | {f.RowsPerSecond.Mean:N0} | {(f.TrainingRowsPerSecond is { } t ? t.Mean.ToString("N0", c) : "n/a")} |");
        foreach (var b in MtardBalances)
            text.AppendLine(c, $"mtard, seed {b.Seed}: final temperatures {string.Join(", ", b.Teachers.Select((t, k) => $"{t} {b.Temperatures[k]:F3}"))}; weights {string.Join(", ", b.Teachers.Select((t, k) => $"{t} {b.Weights[k]:F3}"))}");
        return text.ToString();

        string Cell(MeanStd v) => string.Format(c, "{0:F4} ({1:F4})", v.Mean, v.Std);
    }

    /// <inheritdoc/>
    public override string ToString() => ToTable();
}

/// <summary>
/// The distillation benchmark (docs/distillation.md): a LightGBM teacher distilled into a Torch MLP 32-32 student with
/// plain (no teacher), KD, reverse-KL and BD-KD losses (T = 2, alpha = 0.5), and online BD-KD (an MLP 128-128 teacher
/// trained jointly with the student instead of the LightGBM one), per seed; every model is scored by
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

    /// <summary>Online BD-KD (<see cref="OnlineDistillationTrainer"/>): reported after <see cref="Methods"/>, its jointly trained teacher as <see cref="OnlineTeacherName"/>.</summary>
    public const string OnlineMethod = "online_bdkd";

    /// <summary>The report name of the teacher trained jointly with <see cref="OnlineMethod"/>.</summary>
    public const string OnlineTeacherName = "online_teacher";

    /// <summary>The robust methods, in report order (after <see cref="Methods"/>) when <see cref="DistillationBenchmarkOptions.Robust"/> is on.</summary>
    public static IReadOnlyList<string> RobustMethods { get; } = new[] { "adversarial", "robust_kd", "mtard" };

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
        double epsilon = options.Epsilon ?? (adult ? 0.25 : 0.1);
        // Teacher: LightGBM 200 trees x 31 leaves on Adult; the regularised 100 x 8 on the generated task (the
        // 200 x 31 one over-fits 4,000 noisy rows, docs/distillation.md).
        var (leaves, trees, rate, minLeaf) = adult ? (31, 200, 0.1, 20) : (8, 100, 0.05, 50);
        string description = adult
            ? "UCI Adult (70/30 split per seed, 6 numeric + one-hot of 8 categorical columns); teacher LightGBM 200x31"
            : "generated binary (8 features, P(y=1|x) = sigmoid(3(1 - x0^2 - x1^2) + x2)); teacher LightGBM 100x8";
        var seeds = Enumerable.Range(options.FirstSeed, options.Seeds).ToArray();
        var reports = new List<DistillationReport>();
        var trainingSpeed = new Dictionary<string, List<double>>();
        var mtardBalances = new List<MtardBalanceSummary>();
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
            long rowsThisSeed = train.GetRowCount() ?? Count(train);
            T Timed<T>(string name, Func<T> fit)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var model = fit();
                double seconds = watch.Elapsed.TotalSeconds;
                progress?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {seed}: {name} trained in {seconds:F1} s"));
                if (!trainingSpeed.TryGetValue(name, out var list))
                    trainingSpeed[name] = list = new List<double>();
                list.Add(rowsThisSeed * (double)epochs / Math.Max(seconds, 1e-9));
                return model;
            }
            foreach (var (name, loss) in Methods)
            {
                var student = Timed(name, () => ml.Distillation().Trainers.BinaryStudent(loss == DistillationLoss.Plain ? null : teacher, StudentOptions(loss, epochs, seed)).Fit(train));
                models.Add(new DistillationModel(name, "student", student));
            }
            var online = ml.Distillation().Trainers.BinaryOnlineStudent(OnlineOptions(epochs, seed));
            models.Add(new DistillationModel(OnlineMethod, "student", Timed(OnlineMethod, () => online.Fit(train))));
            models.Insert(1, new DistillationModel(OnlineTeacherName, "teacher", online.LastTeacher!));
            DistillationReportOptions? reportOptions = null;
            if (options.Robust)
            {
                int width = SchemaFeatureWidth(train);
                // Adult: the first 6 slots are the numeric columns, the rest one-hot categories, which PGD must not move.
                var frozen = adult ? Enumerable.Range(AdultNumericColumns, width - AdultNumericColumns).ToArray() : Array.Empty<int>();
                var attack = TrainingAttack(epsilon, frozen, seed);
                var robustTeacher = Timed("robust_teacher", () => ml.Distillation().Trainers.BinaryAdversarial(new AdversarialTrainingOptions
                {
                    Network = RobustTeacherOptions(epochs, seed),
                    Attack = attack,
                }).Fit(train));
                models.Insert(1, new DistillationModel("robust_teacher", "teacher", robustTeacher));
                models.Add(new DistillationModel("adversarial", "student", Timed("adversarial", () => ml.Distillation().Trainers.BinaryAdversarial(new AdversarialTrainingOptions
                {
                    Network = StudentOptions(DistillationLoss.Plain, epochs, seed).Student,
                    Attack = attack,
                }).Fit(train))));
                models.Add(new DistillationModel("robust_kd", "student", Timed("robust_kd", () => ml.Distillation().Trainers.BinaryMultiTeacherStudent(
                    new[] { new MtardTeacher("robust", robustTeacher, MtardInput.Adversarial) }, MtardOptions(epochs, seed, attack)).Fit(train))));
                var mtard = ml.Distillation().Trainers.BinaryMultiTeacherStudent(new[]
                {
                    new MtardTeacher("lightgbm", teacher, MtardInput.Natural),
                    new MtardTeacher("robust", robustTeacher, MtardInput.Adversarial),
                }, MtardOptions(epochs, seed, attack));
                models.Add(new DistillationModel("mtard", "student", Timed("mtard", () => mtard.Fit(train))));
                var balance = mtard.LastBalance!;
                mtardBalances.Add(new MtardBalanceSummary(seed, mtard.Teachers.Select(t => t.Name).ToArray(), balance.Temperatures, balance.Weights));
                reportOptions = new DistillationReportOptions { Attack = EvaluationAttack(attack) };
            }
            reports.Add(ml.Distillation().Compare(test, models, reportOptions));
        }
        var rows = reports.SelectMany(r => r.Rows).ToList();
        DistillationBenchmarkFigures Figures(string name)
        {
            var g = rows.Where(r => r.Model == name).ToList();
            MeanStd S(Func<DistillationReportRow, double> f) => MeanStd.Of(g.Select(f).ToList());
            return new DistillationBenchmarkFigures(name, g[0].Role, S(r => r.Accuracy), S(r => r.LogLoss), S(r => r.Ece), S(r => r.Brier),
                g[0].Parameters, S(r => r.ModelBytes), S(r => r.LatencyMicrosecondsPerRow), S(r => r.RowsPerSecond),
                g[0].RobustAccuracy is null ? null : S(r => r.RobustAccuracy!.Value),
                trainingSpeed.TryGetValue(name, out var speeds) ? MeanStd.Of(speeds) : null);
        }
        var names = Methods.Select(m => m.Name).Append(OnlineMethod).Concat(options.Robust ? RobustMethods : Array.Empty<string>());
        return new DistillationBenchmarkResult(adult ? "adult" : "synthetic", description, seeds, epochs, trainRows, testRows,
            Figures("teacher"), options.Robust ? Figures("robust_teacher") : null, names.Select(Figures).ToList(), reports,
            options.Robust ? epsilon : null, mtardBalances, Figures(OnlineTeacherName));
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

    /// <summary>
    /// Online BD-KD options of the benchmark and the study: the 32-32 student of <see cref="StudentOptions"/> and an MLP
    /// 128-128 teacher (Adam 3e-3, same seed) trained jointly; T = 2, alpha = 0.5, kappa = 1 (soft gate), gamma = 0.5,
    /// teacher KL(p_s || p_t) — the student's loss is the offline bdkd's, against the moving teacher.
    /// </summary>
    public static OnlineDistillationOptions OnlineOptions(int epochs, int seed) => new()
    {
        Student = StudentOptions(DistillationLoss.BdKd, epochs, seed).Student,
        Teacher = new TorchMlpOptions { HiddenLayers = new[] { 128, 128 }, LearningRate = 3e-3, Seed = seed },
        Temperature = 2,
        Alpha = 0.5,
        Kappa = 1,
        Gamma = 0.5,
    };

    /// <summary>Numeric columns at the front of Adult's feature vector (the rest are one-hot slots).</summary>
    public const int AdultNumericColumns = 6;

    /// <summary>The training attack of the robust methods: PGD-10, steps of epsilon / 4, start x + 0.001 N(0, I).</summary>
    public static PgdOptions TrainingAttack(double epsilon, int[] frozenFeatureIndices, int seed) => new()
    {
        Epsilon = epsilon,
        StepSize = epsilon / 4,
        Steps = 10,
        FrozenFeatureIndices = frozenFeatureIndices,
        Seed = seed,
    };

    /// <summary>PGD-20 with steps of epsilon / 8 (the same ball and frozen slots as <paramref name="training"/>).</summary>
    public static PgdOptions EvaluationAttack(PgdOptions training)
    {
        var attack = training.WithSteps(20);
        attack.StepSize = training.Epsilon / 8;
        return attack;
    }

    /// <summary>The robust teacher: MLP 64-64, PGD adversarial training, Adam 3e-3, batch 128.</summary>
    public static TorchMlpOptions RobustTeacherOptions(int epochs, int seed) => new()
    {
        HiddenLayers = new[] { 64, 64 },
        NumberOfEpochs = epochs,
        LearningRate = 3e-3,
        BatchSize = 128,
        Seed = seed,
    };

    /// <summary>MTARD / single-teacher robust distillation options: the 32-32 student, the attack, eta_tau = 0.01 (short runs), eta_w = 0.025.</summary>
    public static MtardOptions MtardOptions(int epochs, int seed, PgdOptions attack) => new()
    {
        Student = StudentOptions(DistillationLoss.Plain, epochs, seed).Student,
        Attack = attack,
        TemperatureLearningRate = 0.01,
        WeightLearningRate = 0.025,
    };

    private static int SchemaFeatureWidth(IDataView data) =>
        data.Schema["Features"].Type is VectorDataViewType { IsKnownSize: true } v ? v.Size : 1;

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
