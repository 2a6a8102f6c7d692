using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetExtensions.Data;

/// <summary>
/// UCI Adult (census income) as the reference data folder holds it (<c>adult/adult.txt</c>: comma-separated with a
/// header, 15 columns, label 0/1), read by ML.NET's text loader. One loader for every family (distillation,
/// fairness). Column names replace the file's hyphens with underscores; "ethnicity" is UCI's race column; missing
/// categories are the level "?" as in the file.
/// </summary>
public static class AdultDataSet
{
    /// <summary>Folder of the data set under the reference data folder.</summary>
    public const string FolderName = "adult";

    /// <summary>File name inside <see cref="FolderName"/>.</summary>
    public const string FileName = "adult.txt";

    /// <summary>The label column: Single, 1 when income exceeds 50K, else 0.</summary>
    public const string LabelColumnName = "IsOver50K";

    /// <summary>The text columns, in file order.</summary>
    public static IReadOnlyList<string> CategoricalColumns { get; } =
        new[] { "workclass", "education", "marital_status", "occupation", "relationship", "ethnicity", "sex", "native_country" };

    /// <summary>The numeric (Single) columns other than the label, in file order.</summary>
    public static IReadOnlyList<string> NumericColumns { get; } =
        new[] { "age", "fnlwgt", "education_num", "capital_gain", "capital_loss", "hours_per_week" };

    /// <summary>
    /// The path of adult.txt under <paramref name="dataDirectory"/> (default: <see cref="ReferenceDataDirectory.Resolve"/>),
    /// or null with <paramref name="reason"/> saying where it looked.
    /// </summary>
    public static string? Find(string? dataDirectory, out string reason)
        => ReferenceDataDirectory.FindFile(FolderName, FileName, out reason, dataDirectory);

    /// <summary>Loads the file at <paramref name="path"/> (lazily, as ML.NET's text loader does).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IDataView Load(MLContext mlContext, string path)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"UCI Adult file '{path}' does not exist.", path);
        var loader = mlContext.Data.CreateTextLoader(new TextLoader.Options
        {
            HasHeader = true,
            Separators = new[] { ',' },
            TrimWhitespace = true,
            Columns = new[]
            {
                new TextLoader.Column("age", DataKind.Single, 0),
                new TextLoader.Column("workclass", DataKind.String, 1),
                new TextLoader.Column("fnlwgt", DataKind.Single, 2),
                new TextLoader.Column("education", DataKind.String, 3),
                new TextLoader.Column("education_num", DataKind.Single, 4),
                new TextLoader.Column("marital_status", DataKind.String, 5),
                new TextLoader.Column("occupation", DataKind.String, 6),
                new TextLoader.Column("relationship", DataKind.String, 7),
                new TextLoader.Column("ethnicity", DataKind.String, 8),
                new TextLoader.Column("sex", DataKind.String, 9),
                new TextLoader.Column("capital_gain", DataKind.Single, 10),
                new TextLoader.Column("capital_loss", DataKind.Single, 11),
                new TextLoader.Column("hours_per_week", DataKind.Single, 12),
                new TextLoader.Column("native_country", DataKind.String, 13),
                new TextLoader.Column(LabelColumnName, DataKind.Single, 14),
            },
        });
        return loader.Load(path);
    }
}
