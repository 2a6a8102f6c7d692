using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;

namespace MLNetExtensions.Fairness.Data;

/// <summary>
/// Loads COMPAS and UCI Adult from the reference data folder (<see cref="ReferenceDataDirectory"/>) for the fairness
/// trainers and the fairness study, with two protected attributes whose product forms the intersectional groups:
/// <list type="bullet">
/// <item>COMPAS: label two_year_recid; features age, the three juvenile counts, priors_count and one-hot
/// c_charge_degree (COMPAS's own scores and the later outcomes is_recid/is_violent_recid are left out);
/// Race = African-American, Caucasian or Other (Hispanic, Other, Asian, Native American: the last two have 32 and 18
/// rows); Sex = Male or Female.</item>
/// <item>Adult: label IsOver50K; features the six numeric columns and one-hot workclass, education, marital_status,
/// occupation, relationship, native_country; Race = White, Black or Other (ethnicity's Asian-Pac-Islander,
/// Amer-Indian-Eskimo and Other); Sex = Male or Female.</item>
/// </list>
/// The protected attributes are not in Features (they only enter penalties and reports); proxies such as
/// relationship (Husband/Wife) stay, as in practice.
/// </summary>
public static class FairnessReferenceData
{
    /// <summary>The recoded race (three levels) column of a split.</summary>
    public const string RaceColumnName = "Race";

    /// <summary>The sex column of a split.</summary>
    public const string SexColumnName = "Sex";

    /// <summary>The two protected columns, Race and Sex.</summary>
    public static IReadOnlyList<string> ProtectedColumnNames { get; } = new[] { RaceColumnName, SexColumnName };

    /// <summary>
    /// The path of <paramref name="dataSet"/>'s file under <paramref name="dataDirectory"/> (default:
    /// <see cref="ReferenceDataDirectory.Resolve"/>), or null with <paramref name="reason"/> saying where it looked.
    /// </summary>
    public static string? Find(FairnessReferenceDataSet dataSet, string? dataDirectory, out string reason) => dataSet switch
    {
        FairnessReferenceDataSet.Compas => CompasDataSet.Find(dataDirectory, out reason),
        FairnessReferenceDataSet.Adult => AdultDataSet.Find(dataDirectory, out reason),
        _ => throw new ArgumentOutOfRangeException(nameof(dataSet), dataSet, "FairnessReferenceDataSet must be Compas or Adult."),
    };

    /// <summary>
    /// A seeded train/test split of <paramref name="dataSet"/>, featurised (one-hot levels fitted on the training
    /// part) and cached.
    /// </summary>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <param name="dataSet">COMPAS or Adult.</param>
    /// <param name="seed">Seed of the split (and of the training subsample).</param>
    /// <param name="testFraction">Share of the rows held out, in (0, 1). Default 0.3.</param>
    /// <param name="maxTrainRows">If set, a seeded random subsample of about this many training rows (ML.NET's
    /// hash-based split, so the count is approximate); the test part is unchanged.</param>
    /// <param name="dataDirectory">Reference data folder; default <see cref="ReferenceDataDirectory.Resolve"/>.</param>
    /// <exception cref="FileNotFoundException">The data set is not in the reference data folder (the message says where it looked).</exception>
    public static FairnessReferenceSplit Load(MLContext mlContext, FairnessReferenceDataSet dataSet, int seed, double testFraction = 0.3,
        int? maxTrainRows = null, string? dataDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "testFraction must be in (0, 1).");
        if (maxTrainRows is < 100)
            throw new ArgumentOutOfRangeException(nameof(maxTrainRows), maxTrainRows, "maxTrainRows must be at least 100.");
        var path = Find(dataSet, dataDirectory, out var reason) ?? throw new FileNotFoundException(reason);
        bool compas = dataSet == FairnessReferenceDataSet.Compas;
        var raw = compas ? CompasDataSet.Load(mlContext, path) : AdultDataSet.Load(mlContext, path);
        string label = compas ? CompasDataSet.LabelColumnName : AdultDataSet.LabelColumnName;
        string race = compas ? "race" : "ethnicity";
        string[] numeric = compas
            ? new[] { "age", "juv_fel_count", "juv_misd_count", "juv_other_count", "priors_count" }
            : AdultDataSet.NumericColumns.ToArray();
        string[] categorical = compas
            ? new[] { "c_charge_degree" }
            : AdultDataSet.CategoricalColumns.Where(c => c is not ("ethnicity" or "sex")).ToArray();
        var (majority, second) = compas ? ("Caucasian", "African-American") : ("White", "Black");

        var split = mlContext.Data.TrainTestSplit(raw, testFraction, seed: seed);
        var train = split.TrainSet;
        long available = Count(train);
        if (maxTrainRows is { } max && available > max)
            train = mlContext.Data.TrainTestSplit(train, 1 - (double)max / available, seed: unchecked(seed * 7919 + 17)).TrainSet;

        var raceMap = Levels(raw, race).Select(level => new KeyValuePair<string, string>(level, level == majority || level == second ? level : "Other"));
        var featurise = mlContext.Transforms.Conversion.ConvertType("Label", label, DataKind.Boolean)
            .Append(mlContext.Transforms.Conversion.MapValue(RaceColumnName, raceMap, race))
            .Append(mlContext.Transforms.CopyColumns(SexColumnName, "sex"))
            .Append(mlContext.Transforms.Categorical.OneHotEncoding(categorical.Select(c => new InputOutputColumnPair(c + "_onehot", c)).ToArray()))
            .Append(mlContext.Transforms.Concatenate("Features", numeric.Concat(categorical.Select(c => c + "_onehot")).ToArray()))
            .Fit(train);
        var trainOut = mlContext.Data.Cache(featurise.Transform(train));
        var testOut = mlContext.Data.Cache(featurise.Transform(split.TestSet));
        int width = ((VectorDataViewType)trainOut.Schema["Features"].Type).Size;
        long trainRows = Count(trainOut), testRows = Count(testOut);
        string description = string.Create(CultureInfo.InvariantCulture,
            $"{(compas ? "COMPAS two-year recidivism" : "UCI Adult")}: {trainRows:N0} training rows{(maxTrainRows is null ? "" : $" (a seeded subsample of {available:N0})")}, {testRows:N0} test rows (split seed {seed}), {width} features; protected Race ({second}, {majority}, Other) x Sex, not model inputs");
        return new FairnessReferenceSplit(dataSet, trainOut, testOut, trainRows, testRows, width, description);
    }

    private static IEnumerable<string> Levels(IDataView data, string column) =>
        data.GetColumn<ReadOnlyMemory<char>>(column).Select(v => v.ToString()).Distinct(StringComparer.Ordinal).OrderBy(v => v, StringComparer.Ordinal).ToArray();

    private static long Count(IDataView view)
    {
        if (view.GetRowCount() is { } n) return n;
        long count = 0;
        using var cursor = view.GetRowCursor(Array.Empty<DataViewSchema.Column>());
        while (cursor.MoveNext()) count++;
        return count;
    }
}
