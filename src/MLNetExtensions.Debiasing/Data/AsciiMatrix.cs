using System.Globalization;
using MLNetExtensions.Data;

namespace MLNetExtensions.Debiasing.Data;

/// <summary>Reads whitespace-separated numeric matrices (the Coat ".ascii" files), with errors naming file, line and column.</summary>
internal static class AsciiMatrix
{
    /// <summary>Rows of the file; every non-empty line must have the same number of values.</summary>
    public static double[][] Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Matrix file '{path}' was not found.", path);
        var rows = new List<double[]>();
        int width = -1, lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
                continue;
            if (width < 0)
                width = fields.Length;
            else if (fields.Length != width)
                throw new DataValidationException(
                    $"File '{path}' line {lineNumber} has {fields.Length} values; the first row had {width}.", Path.GetFileName(path), rows.Count);
            var values = new double[width];
            for (int c = 0; c < width; c++)
            {
                if (!double.TryParse(fields[c], NumberStyles.Float, CultureInfo.InvariantCulture, out values[c]) || !double.IsFinite(values[c]))
                    throw new DataValidationException(
                        $"File '{path}' line {lineNumber}, column {c + 1}: '{fields[c]}' is not a finite number.", $"{Path.GetFileName(path)} column {c + 1}", rows.Count);
            }
            rows.Add(values);
        }
        if (rows.Count == 0)
            throw new DataValidationException($"Matrix file '{path}' has no rows.");
        return rows.ToArray();
    }
}
