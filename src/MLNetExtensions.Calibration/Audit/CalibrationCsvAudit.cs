using MLNetExtensions.Calibration.Metrics;
using MLNetExtensions.Data;
using MLNetExtensions.Data.Csv;

namespace MLNetExtensions.Calibration.Audit;

/// <summary>
/// Calibration report of a CSV file of predictions, as <c>mlnetx calibration</c> prints it. The file is parsed by the
/// streaming <see cref="CsvTableReader"/> (only the label and probability columns, no string per cell); the
/// probabilities and labels are then held in flat arrays because KS, smooth ECE, equal-mass bins, AUC and the
/// bootstrap need every row (8 bytes per probability, 4 per label).
/// </summary>
/// <remarks>Probabilities are parsed at full double precision, so values on a bin edge (0.5, 1.0) stay on it.</remarks>
public static class CalibrationCsvAudit
{
    /// <summary>Reads <paramref name="path"/> and evaluates it.</summary>
    public static CalibrationCsvAuditResult Run(string path, CalibrationCsvAuditOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = new CsvTableReader(path, options?.Separator ?? ',');
        return Run(reader, path, options!);
    }

    /// <summary>Reads CSV text from <paramref name="stream"/> (named <paramref name="sourceName"/> in errors) and evaluates it.</summary>
    public static CalibrationCsvAuditResult Run(Stream stream, string sourceName, CalibrationCsvAuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new CsvTableReader(stream, sourceName, options?.Separator ?? ',');
        return Run(reader, sourceName, options!);
    }

    private static CalibrationCsvAuditResult Run(CsvTableReader reader, string source, CalibrationCsvAuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.LabelColumnName, nameof(options.LabelColumnName));
        var probabilityColumns = options.ProbabilityColumnNames ?? throw new ArgumentNullException(nameof(options.ProbabilityColumnNames));
        if (probabilityColumns.Count == 0)
            throw new ArgumentException("At least one probability column is required.", nameof(options.ProbabilityColumnNames));
        var duplicate = probabilityColumns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Probability column '{duplicate.Key}' is listed twice.", nameof(options.ProbabilityColumnNames));
        if (probabilityColumns.Contains(options.LabelColumnName, StringComparer.Ordinal))
            throw new ArgumentException($"Column '{options.LabelColumnName}' cannot be both the label and a probability column.", nameof(options.ProbabilityColumnNames));

        bool binary = probabilityColumns.Count == 1;
        int classes = probabilityColumns.Count;
        var request = new List<(string, CsvColumnKind)> { (options.LabelColumnName, binary ? CsvColumnKind.Boolean : CsvColumnKind.Number) };
        request.AddRange(probabilityColumns.Select(c => (c, CsvColumnKind.Number)));

        var probabilities = new GrowingArray<double>(1 << 16);
        var binaryLabels = new GrowingArray<float>(binary ? 1 << 16 : 0);
        var classLabels = new GrowingArray<int>(binary ? 0 : 1 << 16);
        foreach (var block in reader.Read(request, out _))
        {
            var label = block.Numbers[0];
            int count = block.Count;
            if (binary)
            {
                var y = binaryLabels.Extend(count);
                for (int i = 0; i < count; i++)
                    y[i] = (float)label[i];
                probabilities.Append(block.Numbers[1].AsSpan(0, count));
                continue;
            }
            var target = probabilities.Extend(count * classes);
            var labels = classLabels.Extend(count);
            for (int i = 0; i < count; i++)
            {
                double value = label[i];
                if (!(value >= 0 && value < classes) || value != Math.Floor(value))
                    throw new DataValidationException(
                        $"Label column '{options.LabelColumnName}' has {value} at row {block.FirstRow + i} (line {block.FirstRow + i + 2}) of '{source}'; " +
                        $"with {classes} probability columns the label must be a class index 0..{classes - 1}.",
                        options.LabelColumnName, block.FirstRow + i);
                labels[i] = (int)value;
                for (int k = 0; k < classes; k++)
                    target[i * classes + k] = block.Numbers[k + 1][i];
            }
        }
        if (probabilities.Count == 0)
            throw new DataValidationException($"'{source}' has a header but no data rows.");

        try
        {
            return binary
                ? new CalibrationCsvAuditResult(CalibrationEvaluator.EvaluateBinary(
                    probabilities.Span, binaryLabels.Span, options.Evaluation, probabilityColumns[0], options.LabelColumnName), null)
                : new CalibrationCsvAuditResult(null, CalibrationEvaluator.EvaluateMulticlass(
                    probabilities.Span, classes, classLabels.Span, options.Evaluation, string.Join(",", probabilityColumns), options.LabelColumnName));
        }
        catch (DataValidationException e) when (e.Row is long row)
        {
            // The evaluator counts data rows from 0; a CSV user thinks in lines.
            throw new DataValidationException(
                $"{e.Message} (rows count data lines from 0: row {row} is line {row + 2} of '{source}' when no quoted field spans lines)",
                e.ColumnName, row);
        }
    }

    /// <summary>An append-only buffer that doubles its capacity (no per-row allocation).</summary>
    private sealed class GrowingArray<T>(int capacity)
    {
        private T[] _items = new T[capacity];

        public int Count { get; private set; }

        public ReadOnlySpan<T> Span => _items.AsSpan(0, Count);

        public Span<T> Extend(int count)
        {
            if (Count + count > _items.Length)
                Array.Resize(ref _items, Math.Max(Count + count, Math.Max(16, _items.Length * 2)));
            var span = _items.AsSpan(Count, count);
            Count += count;
            return span;
        }

        public void Append(ReadOnlySpan<T> values) => values.CopyTo(Extend(values.Length));
    }
}
