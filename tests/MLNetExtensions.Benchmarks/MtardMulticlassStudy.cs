using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;
using MLNetExtensions.Distillation;
using MLNetExtensions.Distillation.Benchmarking;
using MLNetExtensions.Distillation.Reporting;
using MLNetExtensions.Distillation.Trainers;

namespace MLNetExtensions.Benchmarks;

/// <summary>
/// MTARD on the generated 3-class task of <see cref="DistillationStudy"/> (6,000 train / 10,000 test rows, 30 epochs),
/// with the binary MTARD study's settings (<see cref="DistillationBenchmark"/>: epsilon = 0.1 standardised units, PGD-10
/// training attack, PGD-20 evaluation): LightGBM multiclass 100x8 clean teacher, MLP 64-64 PGD-trained robust teacher,
/// and the 32-32 students plain, kd, adversarial, robust_kd and mtard. One libtorch thread.
/// Run: <c>dotnet run -c Release --project tests/MLNetExtensions.Benchmarks -- mtard-study [seeds] multiclass</c>.
/// </summary>
public static class MtardMulticlassStudy
{
    public static void Run(TextWriter output, int seeds = 3)
    {
        TorchSharp.torch.set_num_threads(1);
        const int epochs = 30;
        const double epsilon = 0.1;
        var inv = CultureInfo.InvariantCulture;
        var clock = Stopwatch.StartNew();
        var rows = new List<DistillationReportRow>();
        var speed = new Dictionary<string, List<double>>();
        for (int seed = 1; seed <= seeds; seed++)
        {
            var ml = new MLContext(seed: seed);
            var (train, test) = DistillationStudy.Keyed(ml, DistillationStudy.Generated3(6_000, seed), DistillationStudy.Generated3(10_000, seed + 1000));
            train = ml.Data.Cache(train);
            test = ml.Data.Cache(test);
            long n = train.GetRowCount() ?? 6_000;
            T Timed<T>(string name, Func<T> fit)
            {
                var watch = Stopwatch.StartNew();
                var model = fit();
                double seconds = watch.Elapsed.TotalSeconds;
                output.WriteLine(string.Create(inv, $"seed {seed}: {name} trained in {seconds:F1} s"));
                if (!speed.TryGetValue(name, out var list)) speed[name] = list = new List<double>();
                list.Add(n * (double)epochs / Math.Max(seconds, 1e-9));
                return model;
            }
            var teacher = ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
            {
                NumberOfLeaves = 8,
                NumberOfIterations = 100,
                LearningRate = 0.05,
                MinimumExampleCountPerLeaf = 50,
                Seed = seed,
            }).Fit(train);
            var attack = DistillationBenchmark.TrainingAttack(epsilon, Array.Empty<int>(), seed);
            var robustTeacher = Timed("robust_teacher", () => ml.Distillation().Trainers.MulticlassAdversarial(new AdversarialTrainingOptions
            {
                Network = DistillationBenchmark.RobustTeacherOptions(epochs, seed),
                Attack = attack,
            }).Fit(train));
            var models = new List<DistillationModel>
            {
                new("teacher", "teacher", teacher),
                new("robust_teacher", "teacher", robustTeacher),
                new("plain", "student", Timed("plain", () => ml.Distillation().Trainers.MulticlassStudent(null, DistillationBenchmark.StudentOptions(DistillationLoss.Plain, epochs, seed)).Fit(train))),
                new("kd", "student", Timed("kd", () => ml.Distillation().Trainers.MulticlassStudent(teacher, DistillationBenchmark.StudentOptions(DistillationLoss.Kd, epochs, seed)).Fit(train))),
                new("adversarial", "student", Timed("adversarial", () => ml.Distillation().Trainers.MulticlassAdversarial(new AdversarialTrainingOptions
                {
                    Network = DistillationBenchmark.StudentOptions(DistillationLoss.Plain, epochs, seed).Student,
                    Attack = attack,
                }).Fit(train))),
                new("robust_kd", "student", Timed("robust_kd", () => ml.Distillation().Trainers.MulticlassMultiTeacherStudent(
                    new[] { new MtardTeacher("robust", robustTeacher, MtardInput.Adversarial) }, DistillationBenchmark.MtardOptions(epochs, seed, attack)).Fit(train))),
            };
            var mtard = ml.Distillation().Trainers.MulticlassMultiTeacherStudent(new[]
            {
                new MtardTeacher("lightgbm", teacher, MtardInput.Natural),
                new MtardTeacher("robust", robustTeacher, MtardInput.Adversarial),
            }, DistillationBenchmark.MtardOptions(epochs, seed, attack));
            models.Add(new DistillationModel("mtard", "student", Timed("mtard", () => mtard.Fit(train))));
            var balance = mtard.LastBalance!;
            output.WriteLine(string.Create(inv, $"seed {seed}: mtard final temperatures lightgbm {balance.Temperatures[0]:F3}, robust {balance.Temperatures[1]:F3}; weights {balance.Weights[0]:F3} / {balance.Weights[1]:F3}"));
            var report = ml.Distillation().Compare(test, models, new DistillationReportOptions { Attack = DistillationBenchmark.EvaluationAttack(attack) });
            output.WriteLine(report.ToMarkdown());
            rows.AddRange(report.Rows);
        }
        output.WriteLine($"### Generated 3-class, epsilon {epsilon.ToString(inv)}: mean (standard deviation) over seeds 1..{seeds}");
        output.WriteLine();
        output.WriteLine("| model | accuracy | PGD-20 accuracy | log loss | ECE | Brier | train rows/s |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var group in rows.GroupBy(r => r.Model))
        {
            string Cell(IEnumerable<double> values)
            {
                var v = MeanStd.Of(values.ToList());
                return string.Format(inv, "{0:F4} ({1:F4})", v.Mean, v.Std);
            }
            string robust = group.First().RobustAccuracy is null ? "n/a" : Cell(group.Select(r => r.RobustAccuracy!.Value));
            string trainSpeed = speed.TryGetValue(group.Key, out var s) ? s.Average().ToString("N0", inv) : "n/a";
            output.WriteLine($"| {group.Key} | {Cell(group.Select(r => r.Accuracy))} | {robust} | {Cell(group.Select(r => r.LogLoss))} | {Cell(group.Select(r => r.Ece))} | {Cell(group.Select(r => r.Brier))} | {trainSpeed} |");
        }
        output.WriteLine();
        output.WriteLine($"Total {clock.Elapsed.TotalSeconds:F0} s.");
    }
}
