using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;
using MLNetExtensions.Distillation;
using MLNetExtensions.Distillation.Benchmarking;
using MLNetExtensions.Distillation.Reporting;
using MLNetExtensions.Distillation.Trainers;

namespace MLNetExtensions.Benchmarks;

/// <summary>
/// The size question of docs/distillation.md ("a student under 1 % of the teacher's bytes"): on UCI Adult (seed 1), a
/// paper-style large LightGBM teacher (1,000 trees of 63 leaves, learning rate 0.05) and the usual 200 x 31 one, each
/// distilled (KD, T = 2, alpha = 0.5, 10 epochs) into MLP 32-32 and MLP 8 students; saved bytes, ratio to the teacher,
/// accuracy, log loss and latency from <see cref="DistillationCatalog.Compare"/>.
/// Run: <c>dotnet run -c Release --project tests/MLNetExtensions.Benchmarks -- distillation-size</c>.
/// </summary>
public static class DistillationSizeStudy
{
    public static void Run(TextWriter output)
    {
        TorchSharp.torch.set_num_threads(1);
        if (DistillationBenchmark.FindAdult(null, out string reason) is not { } path)
        {
            output.WriteLine($"Adult skipped: {reason}");
            return;
        }
        var clock = Stopwatch.StartNew();
        var ml = new MLContext(seed: 1);
        var (train, test) = DistillationBenchmark.AdultSplit(ml, path, 1);
        train = ml.Data.Cache(train);
        test = ml.Data.Cache(test);
        var models = new List<DistillationModel>();
        foreach (var (tag, leaves, trees, rate) in new[] { ("1000x63", 63, 1000, 0.05), ("200x31", 31, 200, 0.1) })
        {
            var teacher = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                NumberOfLeaves = leaves,
                NumberOfIterations = trees,
                LearningRate = rate,
                MinimumExampleCountPerLeaf = 20,
                Seed = 1,
            }).Fit(train);
            models.Add(new DistillationModel($"teacher {tag}", "teacher", teacher));
            foreach (var hidden in new[] { new[] { 32, 32 }, new[] { 8 } })
            {
                var options = DistillationBenchmark.StudentOptions(DistillationLoss.Kd, 10, 1);
                options.Student.HiddenLayers = hidden;
                var student = ml.Distillation().Trainers.BinaryStudent(teacher, options).Fit(train);
                models.Add(new DistillationModel($"kd {string.Join("-", hidden)} <- {tag}", "student", student));
            }
            output.WriteLine($"{tag}: done at {clock.Elapsed.TotalSeconds:F0} s");
        }
        var report = ml.Distillation().Compare(test, models);
        output.WriteLine(report.ToMarkdown());
        foreach (var r in report.Rows.Where(r => r.Role == "student"))
        {
            var teacherRow = report.Rows.Last(t => t.Role == "teacher" && report.Rows.ToList().IndexOf(t) < report.Rows.ToList().IndexOf(r));
            output.WriteLine($"{r.Model}: {r.ModelBytes:N0} bytes = {100.0 * r.ModelBytes / teacherRow.ModelBytes:F2} % of {teacherRow.Model} ({teacherRow.ModelBytes:N0} bytes)");
        }
        output.WriteLine($"Total {clock.Elapsed.TotalSeconds:F0} s.");
    }
}
