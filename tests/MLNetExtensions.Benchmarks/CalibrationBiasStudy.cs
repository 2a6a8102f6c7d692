using System.Diagnostics;
using System.Globalization;
using MLNetExtensions.Calibration.Metrics;

namespace MLNetExtensions.Benchmarks;

/// <summary>
/// The study behind docs/calibration.md: (1) bias of each calibration-error estimator against the exact population
/// value of <see cref="SyntheticCalibrationData"/> at n = 100, 1,000, 10,000; (2) across many models scored on one
/// test set, how Brier and ECE correlate with the (normally unobservable) MSE to the true probabilities.
/// Run: <c>dotnet run -c Release --project tests/MLNetExtensions.Benchmarks -- calibration-study</c>. Writes nothing
/// but standard output; seeded, so the figures repeat exactly.
/// </summary>
public static class CalibrationBiasStudy
{
    public static void Run(TextWriter output, int repetitions = 200, int models = 60)
    {
        var clock = Stopwatch.StartNew();
        var inv = CultureInfo.InvariantCulture;
        var distortions = new (string Name, SyntheticCalibrationData Data)[]
        {
            ("calibrated (slope 1)", new SyntheticCalibrationData(slope: 1.0)),
            ("over-confident (slope 2)", new SyntheticCalibrationData(slope: 2.0)),
            ("under-confident, shifted (slope 0.6, +0.5)", new SyntheticCalibrationData(slope: 0.6, intercept: 0.5)),
        };
        int[] sizes = [100, 1_000, 10_000];
        var equalWidth = new CalibrationEvaluationOptions { NumberOfBins = 15 };
        var equalMass = new CalibrationEvaluationOptions { NumberOfBins = 15, Binning = BinningStrategy.EqualMass };

        output.WriteLine($"## Estimator bias ({repetitions} repetitions, 15 bins; mean estimate - truth, standard deviation in brackets)");
        output.WriteLine();
        output.WriteLine("| model | truth L1 / L2 / KS | n | ECE equal-width | ECE equal-mass | RMSCE (vs L2) | debiased L2 (vs L2) | KS (vs KS) | smooth ECE (vs L1) |");
        output.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (name, data) in distortions)
        {
            foreach (int n in sizes)
            {
                var errors = new List<double>[6];
                for (int e = 0; e < errors.Length; e++) errors[e] = new List<double>(repetitions);
                for (int r = 0; r < repetitions; r++)
                {
                    var sample = data.Draw(n, seed: 1000 * n + r);
                    var width = CalibrationEvaluator.EvaluateBinary(sample.Probabilities, sample.Labels, equalWidth);
                    var mass = CalibrationEvaluator.EvaluateBinary(sample.Probabilities, sample.Labels, equalMass);
                    errors[0].Add(width.Ece - data.TrueCalibrationError);
                    errors[1].Add(mass.Ece - data.TrueCalibrationError);
                    errors[2].Add(width.Rmsce - data.TrueL2CalibrationError);
                    errors[3].Add(width.DebiasedL2Ece - data.TrueL2CalibrationError);
                    errors[4].Add(width.Ks - data.TrueKsCalibrationError);
                    errors[5].Add(width.SmoothEce - data.TrueCalibrationError);
                }
                string Cell(List<double> v) => string.Format(inv, "{0:+0.0000;-0.0000;0.0000} ({1:0.0000})", v.Average(), StandardDeviation(v));
                output.WriteLine(string.Format(inv, "| {0} | {1:0.0000} / {2:0.0000} / {3:0.0000} | {4:N0} | {5} |", name,
                    data.TrueCalibrationError, data.TrueL2CalibrationError, data.TrueKsCalibrationError, n, string.Join(" | ", errors.Select(Cell))));
            }
        }

        output.WriteLine();
        output.WriteLine($"## Brier vs ECE as a proxy of MSE to the true probability ({models} models on one test set per n)");
        output.WriteLine();
        output.WriteLine("| n | Pearson(Brier, MSE) | Spearman(Brier, MSE) | Pearson(ECE, MSE) | Spearman(ECE, MSE) | Pearson(ECE, true L1 CE) |");
        output.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        var random = new Random(42);
        var variants = Enumerable.Range(0, models).Select(_ => new SyntheticCalibrationData(
            slope: 0.4 + 2.1 * random.NextDouble(), intercept: -1 + 2 * random.NextDouble(), predictionNoise: 1.5 * random.NextDouble())).ToArray();
        foreach (int n in sizes)
        {
            var brier = new double[models];
            var ece = new double[models];
            var mse = new double[models];
            var trueCe = new double[models];
            for (int m = 0; m < models; m++)
            {
                // The same seed gives every model the same true probabilities and labels (one shared test set).
                var sample = variants[m].Draw(n, seed: 7);
                var metrics = CalibrationEvaluator.EvaluateBinary(sample.Probabilities, sample.Labels, new CalibrationEvaluationOptions { BinnedOnly = true });
                brier[m] = metrics.Brier;
                ece[m] = metrics.Ece;
                mse[m] = sample.MseToTrueProbability;
                trueCe[m] = variants[m].TrueCalibrationError;
            }
            output.WriteLine(string.Format(inv, "| {0:N0} | {1:0.000} | {2:0.000} | {3:0.000} | {4:0.000} | {5:0.000} |", n,
                Pearson(brier, mse), Spearman(brier, mse), Pearson(ece, mse), Spearman(ece, mse), Pearson(ece, trueCe)));
        }
        output.WriteLine();
        output.WriteLine(string.Format(inv, "(study took {0:0.0} s)", clock.Elapsed.TotalSeconds));
    }

    private static double StandardDeviation(List<double> values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

    private static double Pearson(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.Sqrt(sxx * syy);
    }

    private static double Spearman(double[] x, double[] y) => Pearson(Ranks(x), Ranks(y));

    private static double[] Ranks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Length];
        for (int r = 0; r < order.Length; r++) ranks[order[r]] = r;
        return ranks;
    }
}
