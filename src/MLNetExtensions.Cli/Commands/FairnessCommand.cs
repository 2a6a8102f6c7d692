using System.CommandLine;
using MLNetExtensions.Data;
using MLNetExtensions.Data.Csv;
using MLNetExtensions.Fairness.Audit;
using MLNetExtensions.Fairness.Metrics;

namespace MLNetExtensions.Cli.Commands;

/// <summary>
/// <c>mlnetx fairness</c>: the fairness report of predictions in a CSV file. Only parses flags and prints; the work is
/// <see cref="FairnessCsvAudit"/>. Exit codes: 0 success, 2 bad input (message on stderr).
/// </summary>
internal static class FairnessCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "CSV file with a header line.", Required = true };
        var label = new Option<string>("--label") { Description = "Label column (0/1 or true/false; numbers for regression).", Required = true };
        var prediction = new Option<string>("--prediction") { Description = "Predicted label column (0/1 or true/false; the predicted value for regression).", Required = true };
        var score = new Option<string?>("--score") { Description = "Score column (binary): AUC, and the output of JSD, UF and dCov." };
        var probability = new Option<string?>("--probability") { Description = "Probability column in [0, 1] (binary): log loss." };
        var sensitive = new Option<string>("--sensitive") { Description = "Sensitive column(s), comma-separated; several = intersectional groups.", Required = true };
        var task = new Option<string>("--task") { Description = "binary or regression.", DefaultValueFactory = _ => "binary" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of the text report." };
        var minGroup = new Option<int>("--min-group-size") { Description = "Flag groups with fewer rows.", DefaultValueFactory = _ => 30 };
        var excludeSmall = new Option<bool>("--exclude-small-groups") { Description = "Leave small groups out of min/max/difference/ratio." };
        var maxLevels = new Option<int>("--max-levels") { Description = "A numeric sensitive column with more distinct values is continuous.", DefaultValueFactory = _ => FairnessEvaluationOptions.DefaultMaxDiscreteLevels };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for confidence intervals (0 = none).", DefaultValueFactory = _ => 0 };
        var confidence = new Option<double>("--confidence") { Description = "Confidence level of the intervals.", DefaultValueFactory = _ => 0.95 };
        var seed = new Option<int>("--seed") { Description = "Seed of bootstrap, subsample and permutations.", DefaultValueFactory = _ => 0 };
        var bandwidth = new Option<double?>("--jsd-bandwidth") { Description = "Fixed KDE bandwidth of the JSD (default: Silverman's rule per group)." };
        var distanceRows = new Option<int>("--distance-rows") { Description = "Rows for dCov/dCor/CCdCov/JdCov (O(n^2)); a seeded subsample above; 0 = all.", DefaultValueFactory = _ => FairnessEvaluationOptions.DefaultDistanceMaxRows };
        var groupsOnly = new Option<bool>("--groups-only") { Description = "Only the group table and parity measures (no JSD, UF, dCov)." };
        var permutations = new Option<int>("--permutations") { Description = "Permutations of the independence test (0 = none).", DefaultValueFactory = _ => 0 };

        var command = new Command("fairness", "Fairness report of predictions in a CSV: metrics by (intersectional) group, parity measures, JSD, UF, dCov.")
        {
            input, label, prediction, score, probability, sensitive, task, json, minGroup, excludeSmall, maxLevels,
            bootstrap, confidence, seed, bandwidth, distanceRows, permutations, groupsOnly,
        };
        command.SetAction(parse =>
        {
            try
            {
                var taskText = parse.GetValue(task)!;
                var kind = taskText switch
                {
                    "binary" => FairnessTask.BinaryClassification,
                    "regression" => FairnessTask.Regression,
                    _ => throw new ArgumentException($"--task must be 'binary' or 'regression' (got '{taskText}')."),
                };
                var columns = parse.GetValue(sensitive)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                var options = new FairnessEvaluationOptions
                {
                    Task = kind,
                    LabelColumnName = parse.GetValue(label)!,
                    PredictionColumnName = parse.GetValue(prediction)!,
                    ScoreColumnName = parse.GetValue(score),
                    ProbabilityColumnName = parse.GetValue(probability),
                    SensitiveColumnNames = columns,
                    MinGroupSize = parse.GetValue(minGroup),
                    ExcludeSmallGroups = parse.GetValue(excludeSmall),
                    MaxDiscreteLevels = parse.GetValue(maxLevels),
                    BootstrapResamples = parse.GetValue(bootstrap),
                    ConfidenceLevel = parse.GetValue(confidence),
                    Seed = parse.GetValue(seed),
                    JsdBandwidth = parse.GetValue(bandwidth),
                    DistanceMaxRows = parse.GetValue(distanceRows),
                    Permutations = parse.GetValue(permutations),
                    IncludeDependenceMeasures = !parse.GetValue(groupsOnly),
                };
                var report = FairnessCsvAudit.Run(parse.GetValue(input)!, options);
                parse.InvocationConfiguration.Output.WriteLine(parse.GetValue(json) ? report.ToJson() : report.ToString());
                return 0;
            }
            catch (Exception e) when (e is CsvFormatException or DataValidationException or ArgumentException or IOException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"mlnetx fairness: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
