using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;

namespace MLNetExtensions.Fairness.Online;

/// <summary>
/// UCI Adult (<c>adult/adult.txt</c> of the reference data, read in place) as the Aranyani paper streams it: every row
/// in file order; Label = IsOver50K (Boolean); Features = the 14 columns in file order, the 8 categorical ones as
/// integer codes in sorted order of their values (as scikit-learn's LabelEncoder, 0-based); "sex" (text) as the
/// sensitive column. Unlike the paper, marital status keeps its 7 values and the features are not standardised here
/// (the trainer standardises them online, without looking ahead).
/// </summary>
internal static class AdultStream
{
    /// <summary>The sensitive column.</summary>
    public const string SensitiveColumn = "sex";

    /// <summary>Number of features.</summary>
    public const int FeatureCount = 14;

    // Column positions in adult.txt: 14 features, then the 0/1 label.
    private static readonly int[] CategoricalColumns = { 1, 3, 5, 6, 7, 8, 9, 13 };
    private const int SexColumn = 9;

    /// <summary>The path of adult.txt, or null with <paramref name="reason"/> (the data is third-party and may be absent).</summary>
    public static string? Find(out string reason) => AdultDataSet.Find(null, out reason);

    /// <summary>The stream (optionally only its first <paramref name="maxRows"/> rows), in memory.</summary>
    public static IDataView Load(MLContext ml, string path, int? maxRows = null)
    {
        var lines = File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',').Select(c => c.Trim()).ToArray());
        if (maxRows is not null)
            lines = lines.Take(maxRows.Value);
        var cells = lines.ToArray();
        var codes = CategoricalColumns.ToDictionary(c => c, c => cells.Select(r => r[c]).Distinct().OrderBy(v => v, StringComparer.Ordinal)
            .Select((v, i) => (v, i)).ToDictionary(p => p.v, p => (float)p.i, StringComparer.Ordinal));
        var rows = new AdultRow[cells.Length];
        for (int i = 0; i < cells.Length; i++)
        {
            var r = cells[i];
            if (r.Length != FeatureCount + 1)
                throw new InvalidDataException($"{path}, data row {i}: {r.Length} fields; expected {FeatureCount + 1}.");
            var x = new float[FeatureCount];
            for (int j = 0; j < FeatureCount; j++)
                x[j] = codes.TryGetValue(j, out var map) ? map[r[j]] : float.Parse(r[j], CultureInfo.InvariantCulture);
            rows[i] = new AdultRow { Label = r[FeatureCount] == "1", Features = x, Sex = r[SexColumn] };
        }
        return ml.Data.LoadFromEnumerable(rows);
    }

    private sealed class AdultRow
    {
        public bool Label { get; set; }

        [VectorType(FeatureCount)]
        public float[] Features { get; set; } = Array.Empty<float>();

        [ColumnName("sex")]
        public string Sex { get; set; } = "";
    }
}
