using System.Globalization;
using Microsoft.ML;
using MLNetExtensions.Fairness;
using MLNetExtensions.Fairness.Data;
using MLNetExtensions.Fairness.Metrics;
using MLNetExtensions.Fairness.Penalties;
using MLNetExtensions.Fairness.Trainers;
using MLNetExtensions.Reporting;

namespace MLNetExtensions.Showcase;

/// <summary>
/// Showcase section "Fairness": a binary task whose bias sits in an intersection (<see cref="IntersectionalBiasData"/>:
/// rows with A and B both true are treated much worse; a proxy feature leaks it), an MLP trained without a penalty and
/// with dCov on A alone, JdCov (A, B) and CCdCov (A, B) at the same lambda, and the fairness report of each on held-out
/// rows: accuracy, AUC, the A x B demographic-parity and equalized-odds differences, JSD and CCdCov, plus the selection
/// rate of every A x B group as a bar chart.
/// </summary>
internal static class FairnessShowcaseSection
{
    private const double Lambda = 10;

    public static FairnessSectionResult Run(MLContext ml, MarkdownReport report, ShowcaseOptions options, TextWriter log)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int trainRows = Math.Clamp(options.TrainingRows / 10, 2_000, 4_000);
        int testRows = Math.Clamp(options.TestRows, 2_000, 4_000);
        log.WriteLine($"[showcase] fairness: {trainRows:N0} training and {testRows:N0} test rows with an intersectional bias (A and B)");
        var train = ml.Data.Cache(IntersectionalBiasData.Load(ml, trainRows, options.Seed + 20));
        var test = ml.Data.Cache(IntersectionalBiasData.Load(ml, testRows, options.Seed + 21));
        var methods = new (string Name, FairnessPenaltyKind Kind, string[] Columns, double Lambda)[]
        {
            ("none", FairnessPenaltyKind.None, Array.Empty<string>(), 0),
            ("dCov (A only)", FairnessPenaltyKind.DistanceCovariance, new[] { "A" }, Lambda),
            ("JdCov (A, B)", FairnessPenaltyKind.JointDistanceCovariance, new[] { "A", "B" }, Lambda),
            ("CCdCov (A, B)", FairnessPenaltyKind.ConcatenatedDistanceCovariance, new[] { "A", "B" }, Lambda),
        };
        var rows = new List<FairnessMethodFigures>();
        IReadOnlyList<string>? groupNames = null;
        foreach (var (name, kind, columns, lambda) in methods)
        {
            var model = ml.Fairness().Trainers.FairBinaryClassifier(new FairTrainerOptions
            {
                ProtectedColumnNames = columns, Penalty = kind, Lambda = lambda, HiddenLayers = new[] { 32 },
                NumberOfEpochs = 8, BatchSize = 256, LearningRate = 0.01, Seed = options.Seed,
            }).Fit(train);
            var fairness = ml.Fairness().Evaluate(model.Transform(test), new[] { "A", "B" }, probabilityColumnName: "Probability");
            model.LastTransformer.Dispose();
            groupNames ??= fairness.Groups.Select(g => g.Name).ToArray();
            var figures = new FairnessMethodFigures(name, lambda,
                fairness.Metric(FairnessMetricNames.Accuracy).Overall!.Value, fairness.Metric(FairnessMetricNames.Auc).Overall!.Value,
                fairness.DemographicParityDifference!.Value, fairness.EqualizedOddsDifference!.Value, fairness.Jsd!.Value, fairness.Distance!.CCdCov,
                fairness.Metric(FairnessMetricNames.SelectionRate).ByGroup.Select(v => v!.Value).ToArray());
            rows.Add(figures);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[showcase] {name}: accuracy {figures.Accuracy:F4}, A x B DP difference {figures.DemographicParityDifference:F3}, JSD {figures.Jsd:F4}"));
        }

        report.Heading("Fairness");
        report.Paragraph(
            $"Task: two independent protected attributes A and B; the rows with A **and** B get a logit 2.5 lower (each alone +0.2), and a proxy " +
            $"feature leaks the intersection into the features, while A and B are not model inputs. An MLP 4-32-1 (8 epochs) is trained on " +
            $"{trainRows:N0} rows without a penalty and with each fairness penalty at λ = {Lambda:G3}; `mlContext.Fairness().Evaluate` measures " +
            $"{testRows:N0} held-out rows over the four A × B groups.");
        report.Table(new[] { "penalty", "λ", "accuracy", "AUC", "DP difference (A × B)", "EO difference (A × B)", "JSD (A × B)", "CCdCov" },
            rows.Select(r => (IReadOnlyList<object?>)new object?[]
            {
                r.Method, r.Lambda, r.Accuracy, r.Auc, r.DemographicParityDifference, r.EqualizedOddsDifference, r.Jsd, r.CCdCov,
            }));
        report.Paragraph(
            "Every penalty narrows the gap between the groups at some cost in accuracy. dCov on A alone helps too here, because the bias reaches " +
            "the model through one proxy of the intersection; docs/fairness.md has the λ sweep, 3 seeds and the COMPAS and Adult runs.");

        var plot = new ScottPlot.Plot();
        int groups = groupNames!.Count;
        for (int m = 0; m < rows.Count; m++)
        {
            var positions = Enumerable.Range(0, groups).Select(g => g * (rows.Count + 1) + m + 0.5).ToArray();
            var bars = plot.Add.Bars(positions, rows[m].SelectionRateByGroup);
            bars.LegendText = rows[m].Method;
        }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, groups).Select(g => g * (rows.Count + 1) + rows.Count / 2.0).ToArray(), groupNames.ToArray());
        plot.YLabel("selection rate (share predicted positive, test)");
        plot.Title($"Selection rate by A x B group, λ = {Lambda:G3}");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        report.Plot(plot, "fairness-selection-rates.png", "Selection rate of each A x B group without and with each penalty");
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[showcase] fairness section: {clock.Elapsed.TotalSeconds:F1} s"));
        return new FairnessSectionResult(rows, groupNames);
    }
}

/// <summary>One trained model of the fairness section, measured on the test rows.</summary>
/// <param name="Method">The penalty ("none", "dCov (A only)", "JdCov (A, B)", "CCdCov (A, B)").</param>
/// <param name="Lambda">Its weight (0 for none).</param>
/// <param name="Accuracy">Test accuracy.</param>
/// <param name="Auc">Test AUC of the probability.</param>
/// <param name="DemographicParityDifference">Selection-rate difference over the four A x B groups.</param>
/// <param name="EqualizedOddsDifference">Equalized-odds difference (worst case) over the A x B groups.</param>
/// <param name="Jsd">Generalised JSD of the probability across the A x B groups.</param>
/// <param name="CCdCov">dCov^2 (U) of the probability and [A | B].</param>
/// <param name="SelectionRateByGroup">Selection rate of each A x B group, in the report's group order.</param>
public sealed record FairnessMethodFigures(string Method, double Lambda, double Accuracy, double Auc, double DemographicParityDifference,
    double EqualizedOddsDifference, double Jsd, double CCdCov, double[] SelectionRateByGroup);

/// <summary>The fairness section's figures.</summary>
/// <param name="Methods">none, dCov (A), JdCov (A, B), CCdCov (A, B), in that order.</param>
/// <param name="GroupNames">The A x B groups, in the order of <see cref="FairnessMethodFigures.SelectionRateByGroup"/>.</param>
public sealed record FairnessSectionResult(IReadOnlyList<FairnessMethodFigures> Methods, IReadOnlyList<string> GroupNames);
