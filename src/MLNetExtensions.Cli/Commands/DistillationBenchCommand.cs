using System.CommandLine;
using MLNetExtensions.Distillation.Benchmarking;

namespace MLNetExtensions.Cli.Commands;

/// <summary>
/// <c>mlnetx bench distillation</c>: LightGBM teacher vs plain, KD, reverse-KL and BD-KD students, online BD-KD (student
/// and MLP teacher trained jointly), and (unless
/// <c>--no-robust</c>) a PGD-trained teacher with adversarial-training, single-teacher robust distillation and MTARD students, over seeds. Only parses
/// flags and prints; the work is <see cref="DistillationBenchmark"/>. Exit codes: 0 success, 2 bad input or missing
/// data (message on stderr).
/// </summary>
internal static class DistillationBenchCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "adult (reads $MLNETEXT_DATA_DIR/adult/adult.txt) or synthetic (generated, no files).", DefaultValueFactory = _ => "synthetic" };
        var seeds = new Option<int>("--seeds") { Description = "Number of seeds (1, 2, ...); mean and std over them.", DefaultValueFactory = _ => 3 };
        var firstSeed = new Option<int>("--first-seed") { Description = "First seed.", DefaultValueFactory = _ => 1 };
        var epochs = new Option<int?>("--epochs") { Description = "Student epochs (default 30 synthetic, 10 adult)." };
        var trainRows = new Option<int>("--train-rows") { Description = "Generated training rows (synthetic).", DefaultValueFactory = _ => 4_000 };
        var testRows = new Option<int>("--test-rows") { Description = "Generated test rows (synthetic).", DefaultValueFactory = _ => 10_000 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of the table." };
        var epsilon = new Option<double?>("--epsilon") { Description = "PGD L-inf radius in standardised feature units (robust methods; default 0.1 synthetic, 0.25 adult)." };
        var noRobust = new Option<bool>("--no-robust") { Description = "Skip the robust teacher and the adversarial, robust_kd and mtard students." };

        var command = new Command("distillation", "LightGBM teacher distilled into a Torch MLP: plain, kd, reverse_kl, bdkd students, online_bdkd (student trained jointly with an MLP 128-128 teacher), and a PGD-trained MLP teacher with adversarial, robust_kd and mtard students; accuracy, PGD-20 accuracy, log loss, ECE, Brier, size, latency, training rows/s.")
        {
            data, seeds, firstSeed, epochs, trainRows, testRows, json, epsilon, noRobust,
        };
        command.SetAction(parse =>
        {
            try
            {
                var dataText = parse.GetValue(data)!;
                var kind = dataText switch
                {
                    "adult" => DistillationBenchmarkData.Adult,
                    "synthetic" => DistillationBenchmarkData.Synthetic,
                    _ => throw new ArgumentException($"--data must be 'adult' or 'synthetic' (got '{dataText}')."),
                };
                int seedCount = parse.GetValue(seeds);
                if (seedCount < 1) throw new ArgumentException($"--seeds must be at least 1 (got {seedCount}).");
                int? epochCount = parse.GetValue(epochs);
                if (epochCount is < 1) throw new ArgumentException($"--epochs must be at least 1 (got {epochCount}).");
                int train = parse.GetValue(trainRows), test = parse.GetValue(testRows);
                if (train < 100) throw new ArgumentException($"--train-rows must be at least 100 (got {train}).");
                if (test < 100) throw new ArgumentException($"--test-rows must be at least 100 (got {test}).");
                bool asJson = parse.GetValue(json);
                double? eps = parse.GetValue(epsilon);
                if (eps is { } e && (!(e > 0) || !double.IsFinite(e))) throw new ArgumentException($"--epsilon must be positive (got {eps}).");
                var result = DistillationBenchmark.Run(new DistillationBenchmarkOptions
                {
                    Data = kind,
                    Seeds = seedCount,
                    FirstSeed = parse.GetValue(firstSeed),
                    Epochs = epochCount,
                    TrainRows = train,
                    TestRows = test,
                    Epsilon = eps,
                    Robust = !parse.GetValue(noRobust),
                }, asJson ? null : parse.InvocationConfiguration.Error);
                parse.InvocationConfiguration.Output.WriteLine(asJson ? result.ToJson() : result.ToTable());
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or IOException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"mlnetx bench distillation: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
