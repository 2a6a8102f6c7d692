using System.Text;
using System.Text.Json;
using MLNetExtensions.Calibration.Audit;
using MLNetExtensions.Calibration.Metrics;
using MLNetExtensions.Data;
using MLNetExtensions.Data.Csv;
using Xunit;

namespace MLNetExtensions.Tests.Calibration.Audit;

public class CalibrationCsvAuditTests
{
    // 20 binary predictions with 0.0, 1.0, ties at 0.5 and values on the edges of 10 bins (0.1, 0.2, ..., 0.7).
    private const string BinaryCsv =
        "label,prob\nfalse,0.0\nfalse,0.05\nfalse,0.1\ntrue,0.2\nfalse,0.3\ntrue,0.3\nfalse,0.45\ntrue,0.5\nfalse,0.5\ntrue,0.5\n" +
        "true,0.55\nfalse,0.6\ntrue,0.7\ntrue,0.7\ntrue,0.8\ntrue,0.9\nfalse,0.95\ntrue,1.0\ntrue,1.0\nfalse,0.35\n";

    private static CalibrationCsvAuditResult Audit(string csv, CalibrationCsvAuditOptions options) =>
        CalibrationCsvAudit.Run(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "test.csv", options);

    private static CalibrationCsvAuditOptions Binary(BinEdgeConvention edges = BinEdgeConvention.LeftClosed) => new()
    {
        LabelColumnName = "label",
        ProbabilityColumnNames = new[] { "prob" },
        Evaluation = new CalibrationEvaluationOptions { NumberOfBins = 10, BinEdges = edges },
    };

    [Fact]
    public void BinaryReportMatchesScikitLearnAndNumpyOnTheSameFile()
    {
        // Expected values: numpy 1.24 / scikit-learn 1.2 (Debian 12) on the same 20 rows, 10 equal-width bins with edges
        // np.linspace(0, 1, 11) and bin = np.searchsorted(edges[1:-1], p, side="right") ([a, b), last bin closed, as
        // netcal and torchmetrics; the double 0.3 lies below the edge 0.30000000000000004, so it falls in bin 2);
        // brier_score_loss, log_loss (clip 1e-15), roc_auc_score;
        // KS = max |cumsum(p - y)| / n over p sorted; Balance = mean(1{(p >= 0.5) == y} - max(p, 1 - p)).
        var m = Audit(BinaryCsv, Binary()).Binary!;
        Assert.Equal(20, m.Count);
        Assert.Equal(0.200125, m.Brier, 1e-9);
        Assert.Equal(0.2475, m.BrierUncertainty, 1e-9);
        Assert.Equal(0.2075, m.Ece, 1e-9);
        Assert.Equal(0.45, m.Mce, 1e-9);
        Assert.Equal(0.23416666666666666, m.Ace, 1e-9);
        Assert.Equal(0.24913600703230354, m.Rmsce, 1e-9);
        Assert.Equal(new long[] { 2, 1, 3, 1, 1, 5, 2, 0, 1, 4 }, m.ReliabilityCurve.Bins.Select(b => b.Count).ToArray());
        Assert.Equal(0.075, m.Ks, 1e-9);
        Assert.Equal(0.5993257445152664, m.LogLoss, 1e-9);
        Assert.Equal(0.75, m.Accuracy, 1e-12);
        Assert.Equal(0.7727272727272727, m.Auc, 1e-9);
        Assert.Equal(0.0025, m.Balance, 1e-9);
    }

    [Fact]
    public void ScikitLearnBinEdgesMoveEdgeValuesDown()
    {
        // Expected: the same rows binned as sklearn.calibration.calibration_curve does
        // (np.searchsorted(edges[1:-1], p): (a, b], first bin closed), weighted by bin counts.
        var m = Audit(BinaryCsv, Binary(BinEdgeConvention.RightClosed)).Binary!;
        Assert.Equal(0.1875, m.Ece, 1e-9);
        Assert.Equal(0.8, m.Mce, 1e-9);
        Assert.Equal(0.24041666666666667, m.Ace, 1e-9);
        Assert.Equal(0.26388523389281693, m.Rmsce, 1e-9);
        Assert.Equal(new long[] { 3, 1, 2, 1, 4, 2, 2, 1, 1, 3 }, m.ReliabilityCurve.Bins.Select(b => b.Count).ToArray());
    }

    [Fact]
    public void MulticlassReportMatchesNumpy()
    {
        // Expected: numpy on the same rows. Brier = mean over rows of sum_k (p_k - 1{y = k})^2; top-label ECE on
        // max_k p_k with correct = (argmax == y, first maximum on ties); classwise ECE = mean over k of the one-vs-rest
        // ECE of p_k; 10 bins with np.linspace edges, [a, b).
        const string csv = "y,p0,p1,p2\n0,0.7,0.2,0.1\n1,0.1,0.8,0.1\n2,0.3,0.3,0.4\n1,0.5,0.25,0.25\n2,0.2,0.2,0.6\n" +
                           "1,0.05,0.9,0.05\n2,0.6,0.3,0.1\n0,0.34,0.33,0.33\n2,0.1,0.1,0.8\n1,0.45,0.45,0.1\n";
        var result = Audit(csv, new CalibrationCsvAuditOptions
        {
            LabelColumnName = "y",
            ProbabilityColumnNames = new[] { "p0", "p1", "p2" },
            Evaluation = new CalibrationEvaluationOptions { NumberOfBins = 10 },
        });
        Assert.Null(result.Binary);
        var m = result.Multiclass!;
        Assert.Equal(10, m.Count);
        Assert.Equal(3, m.ClassCount);
        Assert.Equal(0.43584, m.Brier, 1e-9);
        Assert.Equal(0.231, m.Ece, 1e-9);
        Assert.Equal(0.66, m.Mce, 1e-9);
        Assert.Equal(0.2613888888888889, m.Ace, 1e-9);
        Assert.Equal(0.2406666666666667, m.ClasswiseEce, 1e-9);
        Assert.Equal(new[] { 0.326, 0.153, 0.243 }, m.ClasswiseEcePerClass.Select(v => Math.Round(v, 9)).ToArray());
        Assert.Equal(0.7, m.Accuracy, 1e-12);
        Assert.Equal(0.7901635729568761, m.LogLoss, 1e-9);
    }

    [Fact]
    public void JsonHasTheDocumentedKeys()
    {
        using var binary = JsonDocument.Parse(Audit(BinaryCsv, Binary()).ToJson());
        var keys = binary.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var key in new[] { "n", "brier", "brier_reliability", "brier_resolution", "brier_uncertainty", "ece", "mce", "ace",
                     "rmsce", "ks", "smooth_ece", "balance", "log_loss", "accuracy", "auc" })
            Assert.Contains(key, keys);
        Assert.Equal(20, binary.RootElement.GetProperty("n").GetInt64());
        Assert.Equal(0.2075, binary.RootElement.GetProperty("ece").GetDouble(), 1e-9);

        using var multi = JsonDocument.Parse(Audit("y,a,b\n0,0.9,0.1\n1,0.2,0.8\n1,0.6,0.4\n", new CalibrationCsvAuditOptions
        {
            LabelColumnName = "y",
            ProbabilityColumnNames = new[] { "a", "b" },
        }).ToJson());
        Assert.True(multi.RootElement.TryGetProperty("classwise_ece", out _));
        Assert.False(multi.RootElement.TryGetProperty("auc", out _));
    }

    [Fact]
    public void BadInputNamesTheColumnAndTheRow()
    {
        var csvError = Assert.Throws<CsvFormatException>(() => Audit("label,prob\n1,0.5\n2,0.5\n", Binary()));
        Assert.Equal("label", csvError.ColumnName);
        Assert.Equal(3, csvError.Line);

        var outOfRange = Assert.Throws<DataValidationException>(() => Audit("label,prob\n1,0.5\n0,1.2\n", Binary()));
        Assert.Equal("prob", outOfRange.ColumnName);
        Assert.Equal(1, outOfRange.Row);

        var nan = Assert.Throws<DataValidationException>(() => Audit("label,prob\n1,NaN\n", Binary()));
        Assert.Equal("prob", nan.ColumnName);
        Assert.Equal(0, nan.Row);

        var multiclass = new CalibrationCsvAuditOptions { LabelColumnName = "y", ProbabilityColumnNames = new[] { "a", "b" } };
        var badClass = Assert.Throws<DataValidationException>(() => Audit("y,a,b\n0,0.5,0.5\n2,0.5,0.5\n", multiclass));
        Assert.Equal("y", badClass.ColumnName);
        Assert.Equal(1, badClass.Row);
        Assert.Contains("0..1", badClass.Message);

        var notSummingToOne = Assert.Throws<DataValidationException>(() => Audit("y,a,b\n0,0.5,0.5\n1,0.5,0.6\n", multiclass));
        Assert.Equal(1, notSummingToOne.Row);

        Assert.Throws<DataValidationException>(() => Audit("label,prob\n", Binary()));
        var missing = Assert.Throws<CsvFormatException>(() => Audit("label,p\n1,0.5\n", Binary()));
        Assert.Contains("'prob'", missing.Message);
        Assert.Throws<ArgumentException>(() => Audit(BinaryCsv, new CalibrationCsvAuditOptions { LabelColumnName = "label", ProbabilityColumnNames = new[] { "prob", "prob" } }));
    }
}
