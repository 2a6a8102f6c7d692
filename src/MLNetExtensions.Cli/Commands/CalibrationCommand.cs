using System.CommandLine;
using MLNetExtensions.Calibration.Audit;
using MLNetExtensions.Calibration.Metrics;
using MLNetExtensions.Data;
using MLNetExtensions.Data.Csv;

namespace MLNetExtensions.Cli.Commands;

/// <summary><c>mlnetx calibration</c>: the calibration report of a CSV file of predictions.</summary>
internal static class CalibrationCommand
{
    public static Command Create()
    {
        var input = new Option<FileInfo>("--input") { Description = "CSV file with a header line.", Required = true };
        var label = new Option<string>("--label")
        {
            Description = "Label column: 0/1 or true/false (binary) or the 0-based class index (multiclass).",
            DefaultValueFactory = _ => "Label",
        };
        var probability = new Option<string>("--probability")
        {
            Description = "COL for binary (probability of the positive class) or COL,COL,... for multiclass (one per class, in class order).",
            Required = true,
        };
        var bins = new Option<int>("--bins") { Description = "Number of bins of the binned metrics.", DefaultValueFactory = _ => 15 };
        var binning = new Option<string>("--binning") { Description = "uniform (equal width) or quantile (equal mass).", DefaultValueFactory = _ => "uniform" };
        binning.AcceptOnlyFromAmong("uniform", "quantile");
        var binEdges = new Option<string>("--bin-edges")
        {
            Description = "netcal: bins [a, b), last bin closed (netcal, torchmetrics); sklearn: (a, b], first bin closed (scikit-learn).",
            DefaultValueFactory = _ => "netcal",
        };
        binEdges.AcceptOnlyFromAmong("netcal", "sklearn");
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for confidence intervals (0 = none).", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Seed of the bootstrap.", DefaultValueFactory = _ => 0 };
        var tolerance = new Option<double>("--tolerance")
        {
            Description = "Multiclass: how far a row's probabilities may sum from 1.",
            DefaultValueFactory = _ => new CalibrationEvaluationOptions().ProbabilitySumTolerance,
        };
        var separator = new Option<char>("--separator") { Description = "Field separator.", DefaultValueFactory = _ => ',' };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (snake_case keys) instead of the text report." };
        var plot = new Option<FileInfo?>("--plot") { Description = "Write the reliability diagram to this PNG file." };

        var command = new Command("calibration", "Calibration report of predictions in a CSV file: Brier (+ decomposition), ECE, MCE, ACE, RMSCE, KS, smooth ECE, Balance, log loss, accuracy, AUC.")
        {
            input, label, probability, bins, binning, binEdges, bootstrap, seed, tolerance, separator, json, plot,
        };
        command.SetAction(parse =>
        {
            var options = new CalibrationCsvAuditOptions
            {
                LabelColumnName = parse.GetValue(label)!,
                ProbabilityColumnNames = parse.GetValue(probability)!.Split(',', StringSplitOptions.TrimEntries),
                Separator = parse.GetValue(separator),
                Evaluation = new CalibrationEvaluationOptions
                {
                    NumberOfBins = parse.GetValue(bins),
                    Binning = parse.GetValue(binning) == "quantile" ? BinningStrategy.EqualMass : BinningStrategy.EqualWidth,
                    BinEdges = parse.GetValue(binEdges) == "sklearn" ? BinEdgeConvention.RightClosed : BinEdgeConvention.LeftClosed,
                    BootstrapResamples = parse.GetValue(bootstrap),
                    Seed = parse.GetValue(seed),
                    ProbabilitySumTolerance = parse.GetValue(tolerance),
                },
            };
            var file = parse.GetValue(input)!;
            try
            {
                var result = CalibrationCsvAudit.Run(file.FullName, options);
                Console.Out.WriteLine(parse.GetValue(json) ? result.ToJson() : result.ToString());
                if (parse.GetValue(plot) is { } png)
                {
                    result.ReliabilityCurve.SavePng(png.FullName, $"Reliability diagram: {file.Name}");
                    if (!parse.GetValue(json))
                        Console.Out.WriteLine($"Reliability diagram written to {png.FullName}");
                }
                return 0;
            }
            catch (Exception e) when (e is CsvFormatException or DataValidationException or ArgumentException or IOException)
            {
                Console.Error.WriteLine($"mlnetx calibration: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
