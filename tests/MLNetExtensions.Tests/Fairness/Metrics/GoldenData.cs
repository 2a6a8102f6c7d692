using MLNetExtensions.Fairness.Metrics;

namespace MLNetExtensions.Tests.Fairness.Metrics;

/// <summary>
/// The small data sets of the golden tests, printed by Fairness/golden/fairness_golden.py (numpy seed 7 and 11).
/// Binary: 40 rows, sex x race = 6 groups, among them sex=M, race=C with ONE row, sex=F, race=A and sex=F, race=C with
/// positive labels only and sex=F, race=B with negative labels only; age is continuous (no groups). Regression: 30 rows,
/// region (3 levels) and a continuous income.
/// </summary>
internal static class GoldenData
{
    public static readonly string[] Sex = { "M", "M", "M", "M", "M", "M", "M", "F", "F", "F", "F", "M", "M", "F", "F", "M", "F", "M", "F", "F", "M", "F", "F", "F", "M", "F", "M", "F", "F", "M", "M", "M", "M", "M", "M", "M", "M", "M", "F", "M" };
    public static readonly string[] Race = { "A", "A", "B", "A", "A", "B", "A", "C", "B", "B", "A", "A", "A", "A", "B", "A", "A", "A", "C", "A", "A", "C", "B", "C", "B", "B", "A", "B", "B", "B", "A", "B", "A", "A", "A", "A", "B", "A", "C", "C" };
    public static readonly double[] Age = { 55.5, 57.6, 59.9, 27.3, 45.3, 32.9, 43.0, 24.0, 78.0, 31.3, 59.6, 36.6, 72.2, 59.1, 26.2, 70.4, 76.6, 74.0, 53.3, 27.0, 29.9, 75.5, 52.2, 29.2, 72.8, 57.8, 53.3, 41.3, 43.5, 32.8, 20.4, 72.3, 47.0, 52.0, 38.0, 64.6, 19.6, 41.1, 19.9, 25.6 };
    public static readonly double[] Score = { 0.9, 0.7, 0.5, 0.6, 0.9, 0.5, 0.7, 0.7, 0.4, 0.5, 0.7, 0.9, 0.3, 0.9, 0.1, 0.8, 0.8, 0.3, 0.4, 0.8, 0.2, 0.6, 0.8, 0.5, 0.8, 0.3, 0.3, 0.4, 0.2, 0.5, 0.9, 0.7, 0.5, 0.4, 0.9, 0.6, 0.9, 0.6, 0.5, 0.9 };
    public static readonly double[] Label = { 1, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 0 };
    public static readonly double[] Prediction = { 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1 };
    public static readonly string[] Region = { "north", "north", "east", "south", "south", "south", "east", "north", "south", "north", "south", "east", "south", "north", "south", "north", "east", "east", "east", "south", "east", "south", "north", "south", "south", "south", "east", "north", "east", "north" };
    public static readonly double[] Income = { 80.92, 70.33, 56.11, 83.51, 59.42, 98.28, 28.41, 59.84, 53.53, 41.79, 63.24, 31.18, 82.2, 88.06, 21.59, 52.04, 34.94, 17.48, 90.63, 48.7, 23.29, 70.6, 28.2, 91.13, 29.54, 12.98, 28.07, 41.12, 52.2, 91.55 };
    public static readonly double[] Target = { 7.37, 5.048, 8.058, 10.231, 6.493, 12.685, 8.064, 9.247, 8.48, 9.001, 5.498, 7.787, 10.316, 5.868, 6.774, 7.101, 8.31, 4.996, 9.495, 8.121, 4.412, 9.727, 6.2, 10.541, 5.433, 7.821, 7.614, 6.7, 8.874, 12.097 };
    public static readonly double[] Predicted = { 9.161, 3.474, 8.941, 11.196, 6.899, 12.178, 9.321, 7.985, 9.547, 10.303, 4.398, 7.484, 9.507, 6.112, 8.788, 9.125, 6.532, 4.421, 10.199, 10.2, 4.833, 9.481, 6.497, 11.024, 5.729, 7.587, 8.001, 7.008, 8.781, 11.875 };

    public static SensitiveAttribute[] BinaryAttributes(bool withAge = true)
    {
        var list = new List<SensitiveAttribute> { SensitiveAttribute.FromText("sex", Sex), SensitiveAttribute.FromText("race", Race) };
        if (withAge) list.Add(SensitiveAttribute.FromNumbers("age", Age));
        return list.ToArray();
    }

    public static FairnessReport BinaryReport(FairnessEvaluationOptions? options = null, bool withAge = true) =>
        FairnessEvaluator.Evaluate(Label, Prediction, BinaryAttributes(withAge), scores: Score, probabilities: Score,
            options ?? new FairnessEvaluationOptions { MinGroupSize = 5 });

    public static FairnessReport RegressionReport() =>
        FairnessEvaluator.Evaluate(Target, Predicted,
            new[] { SensitiveAttribute.FromText("region", Region), SensitiveAttribute.FromNumbers("income", Income) },
            options: new FairnessEvaluationOptions { Task = FairnessTask.Regression });
}
