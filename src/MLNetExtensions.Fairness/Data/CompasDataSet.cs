using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;

namespace MLNetExtensions.Fairness.Data;

/// <summary>
/// ProPublica's COMPAS two-year recidivism data as the reference data folder holds it
/// (<c>compas/compas-two-years.csv</c>: 7,214 rows, 16 columns, header), read by ML.NET's text loader.
/// Label <c>two_year_recid</c> (0/1); protected attributes <c>race</c> (six levels), <c>sex</c>, <c>age</c>.
/// <c>days_b_screening_arrest</c> has empty cells (NaN when loaded).
/// </summary>
public static class CompasDataSet
{
    /// <summary>Folder of the data set under the reference data folder.</summary>
    public const string FolderName = "compas";

    /// <summary>File name inside <see cref="FolderName"/>.</summary>
    public const string FileName = "compas-two-years.csv";

    /// <summary>The label column: Single, 1 when the person reoffended within two years, else 0.</summary>
    public const string LabelColumnName = "two_year_recid";

    /// <summary>
    /// The path of the file under <paramref name="dataDirectory"/> (default: <see cref="ReferenceDataDirectory.Resolve"/>),
    /// or null with <paramref name="reason"/> saying where it looked.
    /// </summary>
    public static string? Find(string? dataDirectory, out string reason)
        => ReferenceDataDirectory.FindFile(FolderName, FileName, out reason, dataDirectory);

    /// <summary>Loads the file at <paramref name="path"/> (lazily, as ML.NET's text loader does). Text columns are
    /// <c>sex, age_cat, race, c_charge_degree, score_text</c>; the others are Single.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IDataView Load(MLContext mlContext, string path)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"COMPAS file '{path}' does not exist.", path);
        string[] names =
        {
            "sex", "age", "age_cat", "race", "juv_fel_count", "juv_misd_count", "juv_other_count", "priors_count",
            "c_charge_degree", "days_b_screening_arrest", "decile_score", "score_text", "v_decile_score",
            LabelColumnName, "is_recid", "is_violent_recid",
        };
        var text = new HashSet<string> { "sex", "age_cat", "race", "c_charge_degree", "score_text" };
        return mlContext.Data.CreateTextLoader(new TextLoader.Options
        {
            HasHeader = true,
            Separators = new[] { ',' },
            TrimWhitespace = true,
            Columns = names.Select((n, i) => new TextLoader.Column(n, text.Contains(n) ? DataKind.String : DataKind.Single, i)).ToArray(),
        }).Load(path);
    }
}
