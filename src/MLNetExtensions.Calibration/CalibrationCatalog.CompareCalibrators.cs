using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Calibration.Calibrators;
using MLNetExtensions.Calibration.Metrics;

namespace MLNetExtensions.Calibration;

public sealed partial class CalibrationCatalog
{
    /// <summary>
    /// Fits temperature scaling, beta calibration, histogram binning and ML.NET's Platt and isotonic calibrators on
    /// <paramref name="fitData"/> (a held-out set scored by the model) and evaluates them, with the uncalibrated
    /// scores, on <paramref name="testData"/> with <see cref="CalibrationEvaluator.EvaluateBinary"/>. Both views need
    /// the score and label columns of <paramref name="options"/>.
    /// </summary>
    public CalibratorComparison CompareCalibrators(IDataView fitData, IDataView testData, CalibratorComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fitData);
        ArgumentNullException.ThrowIfNull(testData);
        options ??= new CalibratorComparisonOptions();
        var ml = MLContext;
        var test = CalibrationFitData.ReadBinary(testData, options.ScoreColumnName, options.ScoreIsProbability, options.LabelColumnName);
        var labels = test.Labels.Select(y => (float)y).ToArray();
        var rows = new List<CalibratorComparisonRow>();

        void Add(string name, string parameters, double[] probabilities) =>
            rows.Add(new CalibratorComparisonRow(name, parameters,
                CalibrationEvaluator.EvaluateBinary(probabilities, labels, options.Evaluation, "Probability", options.LabelColumnName)));

        double[] ProbabilitiesOf(ITransformer model) =>
            model.Transform(testData).GetColumn<float>("Probability").Select(p => (double)p).ToArray();

        string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

        // Our calibrators write Probability only, so the comparison never depends on an upstream PredictedLabel.
        BinaryCalibratorOptions Columns() => new()
        {
            LabelColumnName = options.LabelColumnName,
            ScoreColumnName = options.ScoreColumnName,
            ScoreIsProbability = options.ScoreIsProbability,
            PredictedLabelColumnName = null,
        };

        Add("Uncalibrated", options.ScoreIsProbability ? "p = score" : "p = sigmoid(score)",
            test.Logits.Select(LogisticMath.Sigmoid).ToArray());

        var temperature = Calibrators.Temperature(Columns()).Fit(fitData);
        Add("Temperature", $"T = {F(temperature.Temperature)}", ProbabilitiesOf(temperature));

        var beta = Calibrators.Beta(Columns()).Fit(fitData);
        Add("Beta", $"a = {F(beta.A)}, b = {F(beta.B)}, c = {F(beta.C)}", ProbabilitiesOf(beta));

        var binning = Columns();
        var histogram = Calibrators.HistogramBinning(new HistogramBinningOptions
        {
            LabelColumnName = binning.LabelColumnName,
            ScoreColumnName = binning.ScoreColumnName,
            ScoreIsProbability = binning.ScoreIsProbability,
            PredictedLabelColumnName = null,
            NumberOfBins = options.HistogramBins,
        }).Fit(fitData);
        Add("Histogram binning", $"{histogram.BinValues.Count} bins", ProbabilitiesOf(histogram));

        var platt = ml.BinaryClassification.Calibrators.Platt(options.LabelColumnName, options.ScoreColumnName).Fit(fitData);
        Add("Platt (ML.NET)", "", ProbabilitiesOf(platt));

        var isotonic = ml.BinaryClassification.Calibrators.Isotonic(options.LabelColumnName, options.ScoreColumnName).Fit(fitData);
        Add("Isotonic (ML.NET)", "", ProbabilitiesOf(isotonic));

        return new CalibratorComparison(rows);
    }
}
