using System.Diagnostics;
using Microsoft.ML;
using MLNetExtensions.Debiasing;
using MLNetExtensions.Debiasing.Evaluation;
using MLNetExtensions.Debiasing.Propensity;
using MLNetExtensions.Debiasing.Synthetic;
using MLNetExtensions.Debiasing.Trainers;
using MLNetExtensions.Reporting;

namespace MLNetExtensions.Showcase;

/// <summary>
/// Showcase section "Debiasing": a generated recommender catalogue whose feedback is Missing-Not-At-Random (users rate
/// what they like) and whose full truth is known. Naive MF, IPS, KBIPS and AKBDR are trained on the observed cells; each
/// model's own estimate of its loss (the naive mean over observed cells, or the IPS estimate) is compared with its true
/// loss over ALL user-item pairs, and the predictions with the true probabilities.
/// </summary>
internal static class DebiasingShowcaseSection
{
    private static readonly DebiasingMethod[] Methods = { DebiasingMethod.Naive, DebiasingMethod.Ips, DebiasingMethod.KbIps, DebiasingMethod.AkbDr };

    public static DebiasingSectionResult Run(MLContext ml, MarkdownReport report, ShowcaseOptions options, TextWriter log)
    {
        int users = options.DebiasingUsers, items = options.DebiasingItems;
        var clock = Stopwatch.StartNew();
        var data = SyntheticMnarGenerator.Generate(new SyntheticMnarOptions { Users = users, Items = items, Seed = options.Seed });
        double observedPositives = data.Train.Labels.ToArray().Average(l => (double)l);
        log.WriteLine($"[showcase] debiasing: {users} x {items} catalogue, {data.Train.Count:N0} observed cells ({observedPositives:P0} positive; " +
                      $"{data.PositiveRate:P0} of all pairs), {data.MarSample.Count} random labels for the propensities");
        var train = data.Train.ToDataView(ml);
        var marSample = data.MarSample.ToDataView(ml);
        var marTest = data.MarTest;
        // The IPS estimate uses the same Naive-Bayes propensities the trainers fit (no true propensities: a real system has none).
        var propensityModel = NaiveBayesPropensityModel.Fit(data.Train, data.MarSample.Labels);
        var propensities = Enumerable.Range(0, data.Train.Count)
            .Select(r => propensityModel.ClippedPropensity(data.Train.Users[r], data.Train.Items[r], data.Train.Labels[r], 1e-3)).ToArray();

        var rows = new List<DebiasingMethodFigures>();
        foreach (var method in Methods)
        {
            var fitClock = Stopwatch.StartNew();
            var model = ml.Debiasing().Trainers.MatrixFactorization(new DebiasedMatrixFactorizationOptions
            {
                Method = method, NumberOfEpochs = options.DebiasingEpochs, FeatureModelEpochs = options.DebiasingEpochs, Seed = options.Seed,
                TorchThreads = 1,   // tiny factorisations: one libtorch thread is faster, and much faster on a loaded machine
            }, marSample).Fit(train);
            double seconds = fitClock.Elapsed.TotalSeconds;
            var estimates = data.EstimateLoss(model.PredictUser, PointwiseLoss.CrossEntropy, propensities);
            double ownEstimate = method == DebiasingMethod.Naive ? estimates.Naive : estimates.Ips;
            double squared = 0;
            var row = new double[items];
            for (int u = 0; u < users; u++)
            {
                model.PredictUser(u, row);
                for (int i = 0; i < items; i++)
                    squared += (row[i] - data.TrueProbability(u, i)) * (row[i] - data.TrueProbability(u, i));
            }
            var scores = new float[marTest.Count];
            for (int r = 0; r < scores.Length; r++)
                scores[r] = model.Predict(marTest.Users[r], marTest.Items[r]);
            var metrics = RecommenderEvaluator.Evaluate(marTest.Users, marTest.Labels, scores, new RecommenderEvaluationOptions());
            var figures = new DebiasingMethodFigures(Name(method), estimates.Ideal, estimates.Naive, estimates.Ips, ownEstimate - estimates.Ideal,
                squared / ((double)users * items), metrics.Auc ?? double.NaN, metrics.Ndcg[5] ?? double.NaN, seconds);
            rows.Add(figures);
            log.WriteLine($"[showcase] {figures.Method}: true loss {figures.TrueLoss:F4}, own estimate bias {figures.Bias:+0.0000;-0.0000}, " +
                          $"MSE to truth {figures.MseToTruth:F4}, MAR AUC {figures.Auc:F3} ({seconds:F1} s)");
        }

        report.Heading("Debiasing (recommenders under MNAR feedback)");
        report.Paragraph(
            $"A generated catalogue of {users} users x {items} items with a known true preference p(u, i) for every pair. Users mostly rate " +
            $"what they like: positives are {observedPositives:P0} of the {data.Train.Count:N0} observed cells but {data.PositiveRate:P0} of all pairs. " +
            $"Each method trains the same matrix factorisation ({options.DebiasingEpochs} epochs, k = 4) on the observed cells; IPS, KBIPS (kernel " +
            $"balancing, random centres) and AKBDR (adaptive centres, doubly robust) weight them by Naive-Bayes propensities fitted on " +
            $"{data.MarSample.Count} labels collected at random. **Bias** is each model's own estimate of its loss (naive MF: the mean " +
            "cross-entropy over observed cells; the others: the IPS estimate with the same propensities) minus its true mean cross-entropy " +
            "over ALL pairs. MSE is to the true probabilities over all pairs; AUC and NDCG@5 on a random (MAR) test set.");
        report.Table(new[] { "method", "true loss (all pairs)", "naive estimate", "IPS estimate", "bias of own estimate", "MSE to truth", "MAR AUC", "NDCG@5", "seconds" },
            rows.Select(f => (IReadOnlyList<object?>)new object?[]
            {
                f.Method, f.TrueLoss, f.NaiveEstimate, f.IpsEstimate, f.Bias, f.MseToTruth, f.Auc, f.Ndcg5, f.Seconds,
            }));
        var naive = rows[0];
        var debiased = rows.Skip(1).ToArray();
        report.Paragraph(
            $"The naive estimate misses the true loss by {naive.Bias:+0.000;-0.000}: it averages over the cells users chose to rate. The " +
            $"propensity-weighted estimates miss by {string.Join(", ", debiased.Select(f => $"{f.Bias:+0.000;-0.000} ({f.Method})"))}, and the " +
            $"debiased models are closer to the true probabilities (MSE {string.Join(", ", debiased.Select(f => $"{f.MseToTruth:F4}"))} against " +
            $"{naive.MseToTruth:F4}). {KernelVersusIps(rows)} docs/debiasing.md compares every method on Coat.");

        var plot = new ScottPlot.Plot();
        var positions = Enumerable.Range(0, rows.Count).Select(i => (double)i).ToArray();
        var bars = plot.Add.Bars(positions, rows.Select(f => Math.Abs(f.Bias)).ToArray());
        bars.LegendText = "|bias| of the model's own loss estimate";
        var mse = plot.Add.Scatter(positions, rows.Select(f => f.MseToTruth).ToArray());
        mse.LegendText = "MSE to the true probabilities";
        mse.LineWidth = 0;
        mse.MarkerSize = 12;
        plot.Axes.Bottom.SetTicks(positions, rows.Select(f => f.Method).ToArray());
        plot.Title("Loss estimate vs the truth over all pairs");
        plot.YLabel("absolute bias / MSE");
        plot.Axes.SetLimitsY(0, Math.Max(rows.Max(f => Math.Abs(f.Bias)), rows.Max(f => f.MseToTruth)) * 1.15);
        plot.ShowLegend();
        plot.Legend.Alignment = ScottPlot.Alignment.UpperRight;
        report.Plot(plot, "debiasing-bias.png", "Bias of each model's own loss estimate and its MSE to the true probabilities");
        log.WriteLine($"[showcase] debiasing section: {clock.Elapsed.TotalSeconds:F1} s");
        return new DebiasingSectionResult(rows);
    }

    // Computed, not asserted: whether balancing improved on plain IPS in this run.
    private static string KernelVersusIps(List<DebiasingMethodFigures> rows)
    {
        var ips = rows[1];
        var better = rows.Skip(2).Where(f => f.MseToTruth < ips.MseToTruth - 0.001).Select(f => f.Method).ToArray();
        return better.Length == 0
            ? $"Kernel balancing does not improve on plain IPS here (MSE within 0.001 of IPS's {ips.MseToTruth:F4}, or above it)."
            : $"{string.Join(" and ", better)} improve{(better.Length == 1 ? "s" : "")} on plain IPS's MSE {ips.MseToTruth:F4} by more than 0.001.";
    }

    private static string Name(DebiasingMethod method) => method switch
    {
        DebiasingMethod.Naive => "naive MF",
        DebiasingMethod.Ips => "IPS",
        DebiasingMethod.KbIps => "KBIPS",
        DebiasingMethod.AkbDr => "AKBDR",
        _ => method.ToString(),
    };
}

/// <summary>One method's figures in the debiasing section.</summary>
/// <param name="Method">Display name.</param>
/// <param name="TrueLoss">Mean cross-entropy over all pairs against the true labels.</param>
/// <param name="NaiveEstimate">Mean cross-entropy over the observed cells.</param>
/// <param name="IpsEstimate">IPS estimate from the observed cells (Naive-Bayes propensities).</param>
/// <param name="Bias">The method's own estimate (naive for naive MF, IPS otherwise) minus the true loss.</param>
/// <param name="MseToTruth">Mean squared error to the true probabilities over all pairs.</param>
/// <param name="Auc">AUC on the MAR test set.</param>
/// <param name="Ndcg5">NDCG@5 on the MAR test set.</param>
/// <param name="Seconds">Training seconds.</param>
public sealed record DebiasingMethodFigures(string Method, double TrueLoss, double NaiveEstimate, double IpsEstimate, double Bias,
    double MseToTruth, double Auc, double Ndcg5, double Seconds);

/// <summary>The debiasing section's figures, naive MF first.</summary>
/// <param name="Methods">naive MF, IPS, KBIPS, AKBDR.</param>
public sealed record DebiasingSectionResult(IReadOnlyList<DebiasingMethodFigures> Methods);
