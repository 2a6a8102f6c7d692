using BenchmarkDotNet.Running;

// Run all: dotnet run -c Release --project tests/MLNetExtensions.Benchmarks -- --filter '*'
// Calibration estimator study (docs/calibration.md): ... -- calibration-study
// Distillation study (docs/distillation.md): ... -- distillation-study
// Fairness-regularised trainers on intersectional bias (docs/fairness.md): ... -- fairness-study [plot.png]
// ... on COMPAS / Adult: ... -- fairness-study compas|adult [plot.png] [lambdas=1,3,10] [seeds=1,2,3] [epochs=N] [train-rows=N]
if (args.Length > 1 && args[0] == "fairness-study" && args[1] is "compas" or "adult")
{
    string? Arg(string key) => args.FirstOrDefault(a => a.StartsWith(key + "=", StringComparison.Ordinal))?[(key.Length + 1)..];
    static double Num(string s) => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
    MLNetExtensions.Benchmarks.FairnessReferenceStudy.Run(Console.Out,
        args[1] == "compas" ? MLNetExtensions.Fairness.Data.FairnessReferenceDataSet.Compas : MLNetExtensions.Fairness.Data.FairnessReferenceDataSet.Adult,
        args.Length > 2 && !args[2].Contains('=') ? args[2] : null,
        Arg("lambdas")?.Split(',').Select(Num).ToArray(), Arg("seeds")?.Split(',').Select(s => (int)Num(s)).ToArray(),
        Arg("epochs") is { } e ? (int)Num(e) : null, Arg("train-rows") is { } t ? (int)Num(t) : null);
    return;
}
// Figures and the reference machine are recorded in docs/benchmarks.md.
if (args.Length > 0 && args[0] == "fairness-study")
{
    MLNetExtensions.Benchmarks.FairnessRegularisationStudy.Run(Console.Out, args.Length > 1 ? args[1] : null);
    return;
}
// Aranyani (online fair forest) on the Adult stream (docs/fairness.md): ... -- aranyani-adult [plot.png] [lambdas=0,0.1,1,10] [seeds=3] [rows=N] [decay=0.999] [no-baseline]
if (args.Length > 0 && args[0] == "aranyani-adult")
{
    MLNetExtensions.Benchmarks.AranyaniAdultStudy.Run(Console.Out, args[1..]);
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
// Student vs teacher size on Adult (docs/distillation.md): ... -- distillation-size
if (args.Length > 0 && args[0] == "distillation-size")
{
    MLNetExtensions.Benchmarks.DistillationSizeStudy.Run(Console.Out);
    return;
}
// MTARD / robust distillation study (docs/distillation.md): ... -- mtard-study [seeds=3] [synthetic|adult|multiclass]
if (args.Length > 0 && args[0] == "mtard-study" && args.Length > 2 && args[2] == "multiclass")
{
    MLNetExtensions.Benchmarks.MtardMulticlassStudy.Run(Console.Out, int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return;
}
if (args.Length > 0 && args[0] == "mtard-study")
{
    MLNetExtensions.Benchmarks.MtardStudy.Run(Console.Out, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3,
        args.Length > 2 ? args[2] : null);
    return;
}
// Debiasing study on Coat (docs/debiasing.md): ... -- debiasing-study [seeds=5] [epochs=30] [heldout] [spec-balancing-loss] [supplied-kernel-features]; speed: -- debiasing-speed
if (args.Length > 0 && args[0] == "debiasing-study")
{
    int seeds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
    int epochs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 30;
    // Optional: methods=mf,ips,... (a subset) and wd=0.01 (the prediction model's WeightDecay for every method).
    var only = args.FirstOrDefault(a => a.StartsWith("methods=", StringComparison.Ordinal))?["methods=".Length..].Split(',');
    var wd = args.FirstOrDefault(a => a.StartsWith("wd=", StringComparison.Ordinal)) is { } w
        ? double.Parse(w["wd=".Length..], System.Globalization.CultureInfo.InvariantCulture) : (double?)null;
    MLNetExtensions.Benchmarks.DebiasingStudy.Run(Console.Out, seeds, epochs, heldOut: args.Contains("heldout"), only, wd,
        normalizeBalancing: !args.Contains("spec-balancing-loss"), suppliedKernelFeatures: args.Contains("supplied-kernel-features"));
    return;
}
if (args.Length > 0 && args[0] == "debiasing-memory")
{
    MLNetExtensions.Benchmarks.DebiasingStudy.Memory(Console.Out);
    return;
}
if (args.Length > 0 && args[0] == "debiasing-speed")
{
    MLNetExtensions.Benchmarks.DebiasingStudy.Speed(Console.Out);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(MLNetExtensions.Benchmarks.MlpTrainingBenchmark).Assembly).Run(args);
