using BenchmarkDotNet.Running;

// Run all: dotnet run -c Release --project tests/MLNetExtensions.Benchmarks -- --filter '*'
// Calibration estimator study (docs/calibration.md): ... -- calibration-study
// Distillation study (docs/distillation.md): ... -- distillation-study
// Fairness-regularised trainers on intersectional bias (docs/fairness.md): ... -- fairness-study [plot.png]
// Figures and the reference machine are recorded in docs/benchmarks.md.
if (args.Length > 0 && args[0] == "fairness-study")
{
    MLNetExtensions.Benchmarks.FairnessRegularisationStudy.Run(Console.Out, args.Length > 1 ? args[1] : null);
    return;
}
if (args.Length > 0 && args[0] == "calibration-study")
{
    MLNetExtensions.Benchmarks.CalibrationBiasStudy.Run(Console.Out);
    return;
}
if (args.Length > 0 && args[0] == "distillation-study")
{
    MLNetExtensions.Benchmarks.DistillationStudy.Run(Console.Out);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(MLNetExtensions.Benchmarks.MlpTrainingBenchmark).Assembly).Run(args);
