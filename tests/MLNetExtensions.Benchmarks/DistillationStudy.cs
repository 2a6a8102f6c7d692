using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Distillation;
using MLNetExtensions.Distillation.Benchmarking;
using MLNetExtensions.Distillation.Reporting;
using MLNetExtensions.Distillation.Trainers;
using MLNetExtensions.Trainers;

namespace MLNetExtensions.Benchmarks;

/// <summary>
/// The measurement behind docs/distillation.md: a LightGBM teacher distilled into a small Torch MLP with plain (no
/// teacher), KD, reverse-KL and BD-KD losses, on a generated binary task and on UCI Adult (when present), 3 seeds;
/// accuracy, ECE, log loss, Brier, bytes and scoring latency on held-out rows from <see cref="DistillationCatalog.Compare"/>.
/// Each data set also gets online BD-KD: the same student trained jointly with an MLP 128-128 teacher
/// (<see cref="DistillationBenchmark.OnlineOptions"/>), and that teacher. One libtorch thread.
/// On the generated task two teachers are used: LightGBM with 200 trees of 31 leaves (over-fits 4,000 noisy rows)
/// and a regularised one (100 trees of 8 leaves, learning rate 0.05, at least 50 rows per leaf).
/// Run: <c>dotnet run -c Release --project tests/MLNetExtensions.Benchmarks -- distillation-study</c>. Adult is read from
/// $MLNETEXT_DATA_DIR/adult/adult.txt (default ../shared/data next to the repository root); it is skipped with a message when absent.
/// The generated binary task, the Adult loader and the student options are <see cref="DistillationBenchmark"/>'s (also behind
/// <c>mlnetx bench distillation</c>, one teacher per data set); this study adds the second teacher and the 3-class task.
/// </summary>
public static class DistillationStudy
{
    public static void Run(TextWriter output, int[]? seeds = null)
    {
        seeds ??= new[] { 1, 2, 3 };
        TorchSharp.torch.set_num_threads(1);
        var clock = Stopwatch.StartNew();
        Study(output, "generated (8 features, P(y=1|x) = sigmoid(3(1 - x0^2 - x1^2) + x2), 4,000 train / 10,000 test rows)", seeds,
            (ml, seed) => (ml.Data.LoadFromEnumerable(DistillationBenchmark.SyntheticBinary(4_000, seed)), ml.Data.LoadFromEnumerable(DistillationBenchmark.SyntheticBinary(10_000, seed + 1000))),
            epochs: 30, new[] { ("200x31", 31, 200, 0.1, 20), ("100x8", 8, 100, 0.05, 50) });
        Study(output, "generated 3-class (8 features, label ~ softmax(z), z = [2(1 - x0^2 - x1^2), 2 x0 + x2, 2 x1 x3], 6,000 train / 10,000 test rows)", seeds,
            (ml, seed) => Keyed(ml, Generated3(6_000, seed), Generated3(10_000, seed + 1000)),
            epochs: 30, new[] { ("100x8", 8, 100, 0.05, 50) }, multiclass: true);
        if (DistillationBenchmark.FindAdult(null, out string reason) is { } adult)
            Study(output, "UCI Adult (70/30 split per seed, one-hot categorical + numeric = Features)", seeds, (ml, seed) => DistillationBenchmark.AdultSplit(ml, adult, seed), epochs: 10,
                new[] { ("200x31", 31, 200, 0.1, 20) });
        else
            output.WriteLine($"Adult skipped: {reason}");
        output.WriteLine($"Total {clock.Elapsed.TotalSeconds:F0} s.");
    }

    private static void Study(TextWriter output, string title, int[] seeds, Func<MLContext, int, (IDataView Train, IDataView Test)> data, int epochs,
        (string Tag, int Leaves, int Iterations, double LearningRate, int MinLeaf)[] teachers, bool multiclass = false)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine($"## {title}");
        output.WriteLine();
        var all = new List<DistillationReportRow>();
        foreach (int seed in seeds)
        {
            var ml = new MLContext(seed: seed);
            var (train, test) = data(ml, seed);
            train = ml.Data.Cache(train);
            test = ml.Data.Cache(test);   // latency then measures the models, not the upstream featurisation
            var models = new List<DistillationModel>();
            var students = new List<(string Name, DistillationLoss Loss, ITransformer? Teacher)> { ("plain", DistillationLoss.Plain, null) };
            foreach (var (tag, leaves, iterations, rate, minLeaf) in teachers)
            {
                ITransformer teacher = multiclass
                    ? ml.MulticlassClassification.Trainers.LightGbm(new Microsoft.ML.Trainers.LightGbm.LightGbmMulticlassTrainer.Options
                    {
                        NumberOfLeaves = leaves,
                        NumberOfIterations = iterations,
                        LearningRate = rate,
                        MinimumExampleCountPerLeaf = minLeaf,
                        Seed = seed,
                    }).Fit(train)
                    : ml.BinaryClassification.Trainers.LightGbm(new Microsoft.ML.Trainers.LightGbm.LightGbmBinaryTrainer.Options
                    {
                        NumberOfLeaves = leaves,
                        NumberOfIterations = iterations,
                        LearningRate = rate,
                        MinimumExampleCountPerLeaf = minLeaf,
                        Seed = seed,
                    }).Fit(train);
                models.Add(new DistillationModel($"teacher {tag}", "teacher", teacher));
                foreach (var (name, loss) in DistillationBenchmark.Methods.Where(s => s.Loss != DistillationLoss.Plain))
                    students.Add((teachers.Length > 1 ? $"{name} <- {tag}" : name, loss, teacher));
            }
            foreach (var (name, loss, teacher) in students)
            {
                var options = DistillationBenchmark.StudentOptions(loss, epochs, seed);
                var watch = Stopwatch.StartNew();
                var student = multiclass
                    ? ml.Distillation().Trainers.MulticlassStudent(teacher, options).Fit(train)
                    : ml.Distillation().Trainers.BinaryStudent(teacher, options).Fit(train);
                output.WriteLine(string.Create(inv, $"seed {seed}: {name} trained in {watch.Elapsed.TotalSeconds:F1} s"));
                models.Add(new DistillationModel(name, "student", student));
            }
            // Online BD-KD: an MLP 128-128 teacher trained jointly with the student (no LightGBM teacher involved).
            var onlineOptions = DistillationBenchmark.OnlineOptions(epochs, seed);
            var online = multiclass
                ? ml.Distillation().Trainers.MulticlassOnlineStudent(onlineOptions)
                : ml.Distillation().Trainers.BinaryOnlineStudent(onlineOptions);
            var onlineWatch = Stopwatch.StartNew();
            var onlineStudent = online.Fit(train);
            output.WriteLine(string.Create(inv, $"seed {seed}: {DistillationBenchmark.OnlineMethod} (student + teacher 128-128) trained in {onlineWatch.Elapsed.TotalSeconds:F1} s"));
            models.Add(new DistillationModel(DistillationBenchmark.OnlineMethod, "student", onlineStudent));
            models.Add(new DistillationModel("online teacher 128-128", "teacher", online.LastTeacher!));
            var report = ml.Distillation().Compare(test, models);
            output.WriteLine(report.ToMarkdown());
            all.AddRange(report.Rows);
        }

        output.WriteLine($"### Mean (standard deviation) over seeds {string.Join(", ", seeds)}");
        output.WriteLine();
        output.WriteLine("| model | accuracy | ECE | log loss | Brier | bytes | µs/row |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var group in all.GroupBy(r => r.Model))
        {
            string Cell(Func<DistillationReportRow, double> value)
            {
                var v = group.Select(value).ToArray();
                double mean = v.Average();
                double sd = Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / Math.Max(v.Length - 1, 1));
                return string.Format(inv, "{0:F4} ({1:F4})", mean, sd);
            }
            output.WriteLine(string.Create(inv,
                $"| {group.Key} | {Cell(r => r.Accuracy)} | {Cell(r => r.Ece)} | {Cell(r => r.LogLoss)} | {Cell(r => r.Brier)} | {group.Average(r => r.ModelBytes):N0} | {group.Average(r => r.LatencyMicrosecondsPerRow):F2} |"));
        }
        output.WriteLine();
    }

    internal sealed class ClassRow
    {
        [VectorType(8)] public float[] Features { get; set; } = Array.Empty<float>();
        public uint Label { get; set; }
    }

    // Three classes with genuinely uncertain labels: the label is drawn from softmax(z(x)).
    internal static IEnumerable<ClassRow> Generated3(int count, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            var x = new float[8];
            for (int j = 0; j < x.Length; j++) x[j] = (float)(random.NextDouble() * 3 - 1.5);
            double[] z = { 2 * (1 - x[0] * x[0] - x[1] * x[1]), 2 * x[0] + x[2], 2 * x[1] * x[3] };
            double max = z.Max(), total = z.Sum(v => Math.Exp(v - max)), u = random.NextDouble() * total;
            uint label = 0;
            for (double acc = Math.Exp(z[0] - max); acc < u && label < 2; acc += Math.Exp(z[++label] - max)) { }
            yield return new ClassRow { Features = x, Label = label };
        }
    }

    // Label as a key (MapValueToKey fitted on the training rows, applied to both), as ML.NET's multiclass trainers expect.
    internal static (IDataView Train, IDataView Test) Keyed(MLContext ml, IEnumerable<ClassRow> train, IEnumerable<ClassRow> test)
    {
        IDataView Load(IEnumerable<ClassRow> rows) =>
            ml.Data.LoadFromEnumerable(rows.Select(r => new NamedClassRow { Features = r.Features, Class = "class " + r.Label }));
        var trainView = Load(train);
        var toKey = ml.Transforms.Conversion.MapValueToKey("Label", "Class", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue).Fit(trainView);
        return (toKey.Transform(trainView), toKey.Transform(Load(test)));
    }

    private sealed class NamedClassRow
    {
        [VectorType(8)] public float[] Features { get; set; } = Array.Empty<float>();
        public string Class { get; set; } = "";
    }
}
