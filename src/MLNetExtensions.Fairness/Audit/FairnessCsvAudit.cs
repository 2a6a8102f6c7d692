using System.Globalization;
using MLNetExtensions.Data;
using MLNetExtensions.Data.Csv;
using MLNetExtensions.Fairness.Metrics;

namespace MLNetExtensions.Fairness.Audit;

/// <summary>
/// The fairness report of predictions stored in a CSV file (what <c>mlnetx fairness</c> runs): the file is streamed
/// with <see cref="CsvTableReader"/> (only the named columns are parsed, no string per cell) into arrays, then
/// <see cref="FairnessEvaluator"/> does the rest. Labels and predicted labels are 0/1 or true/false for binary
/// classification, numbers for regression; score and probability are numbers. A sensitive column whose values all
/// parse as numbers is numeric (discrete or continuous by <see cref="FairnessEvaluationOptions.MaxDiscreteLevels"/>);
/// otherwise its text values are levels. Value errors name the column, the row and the file's line.
/// </summary>
public static class FairnessCsvAudit
{
    /// <summary>Reads <paramref name="path"/> and evaluates it; the column names come from <paramref name="options"/>.</summary>
    public static FairnessReport Run(string path, FairnessEvaluationOptions options)
    {
        using var reader = new CsvTableReader(path);
        return Run(reader, path, options);
    }

    /// <summary>Reads CSV text from <paramref name="stream"/> (named <paramref name="sourceName"/> in errors) and evaluates it.</summary>
    public static FairnessReport Run(Stream stream, string sourceName, FairnessEvaluationOptions options)
    {
        using var reader = new CsvTableReader(stream, sourceName);
        return Run(reader, sourceName, options);
    }

    private static FairnessReport Run(CsvTableReader reader, string source, FairnessEvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.SensitiveColumnNames is null || options.SensitiveColumnNames.Length == 0)
            throw new ArgumentException("At least one sensitive column is needed (--sensitive).", nameof(options));
        bool binary = options.Task == FairnessTask.BinaryClassification;
        var flagKind = binary ? CsvColumnKind.Boolean : CsvColumnKind.Number;
        var columns = new List<(string Name, CsvColumnKind Kind)>
        {
            (options.LabelColumnName, flagKind),
            (options.ResolvedPredictionColumnName, flagKind),
        };
        int scoreIndex = -1, probabilityIndex = -1;
        if (options.ScoreColumnName is not null) { scoreIndex = columns.Count; columns.Add((options.ScoreColumnName, CsvColumnKind.Number)); }
        if (options.ProbabilityColumnName is not null) { probabilityIndex = columns.Count; columns.Add((options.ProbabilityColumnName, CsvColumnKind.Number)); }
        int sensitiveStart = columns.Count;
        foreach (var name in options.SensitiveColumnNames) columns.Add((name, CsvColumnKind.Category));

        // The reader parses each file column once: a column in two roles (score and probability) is requested once.
        var distinct = new List<(string Name, CsvColumnKind Kind)>();
        var roleColumn = new int[columns.Count];
        for (int c = 0; c < columns.Count; c++)
        {
            int found = distinct.FindIndex(d => d.Name == columns[c].Name);
            if (found >= 0 && distinct[found].Kind != columns[c].Kind)
                throw new ArgumentException($"Column '{columns[c].Name}' is given in two roles that read it differently (as {distinct[found].Kind} and as {columns[c].Kind}).");
            if (found < 0)
            {
                found = distinct.Count;
                distinct.Add(columns[c]);
            }
            roleColumn[c] = found;
        }
        var numberData = distinct.Select(c => c.Kind == CsvColumnKind.Category ? null : new Growable<double>()).ToArray();
        var codeData = distinct.Select(c => c.Kind == CsvColumnKind.Category ? new Growable<int>() : null).ToArray();
        IReadOnlyList<IReadOnlyList<string>> read;
        foreach (var block in reader.Read(distinct, out read))
        {
            for (int c = 0; c < distinct.Count; c++)
            {
                if (numberData[c] is { } values) values.Add(block.Numbers[c].AsSpan(0, block.Count));
                else codeData[c]!.Add(block.Categories[c].AsSpan(0, block.Count));
            }
        }
        var numbers = roleColumn.Select(s => numberData[s]).ToArray();
        var codes = roleColumn.Select(s => codeData[s]).ToArray();
        var dictionaries = roleColumn.Select(s => read[s]).ToArray();

        try
        {
            var attributes = new SensitiveAttribute[options.SensitiveColumnNames.Length];
            for (int a = 0; a < attributes.Length; a++)
            {
                int c = sensitiveStart + a;
                attributes[a] = ToAttribute(columns[c].Name, codes[c]!.ToArray(), dictionaries[c], options.MaxDiscreteLevels);
            }
            return FairnessEvaluator.Evaluate(numbers[0]!.ToArray(), numbers[1]!.ToArray(), attributes,
                scoreIndex < 0 ? null : numbers[scoreIndex]!.ToArray(),
                probabilityIndex < 0 ? null : numbers[probabilityIndex]!.ToArray(), options);
        }
        catch (DataValidationException e) when (e.Row is long row)
        {
            // Rows are 0-based data rows; the file's line is row + 2 (line 1 is the header).
            throw new DataValidationException($"{e.Message} (line {(row + 2).ToString(CultureInfo.InvariantCulture)} of '{source}')", e.ColumnName, row);
        }
    }

    /// <summary>Numeric when every level parses as a number (then NaN is rejected by the attribute); text levels otherwise.</summary>
    private static SensitiveAttribute ToAttribute(string name, int[] codes, IReadOnlyList<string> levels, int maxDiscreteLevels)
    {
        int empty = -1;
        for (int l = 0; l < levels.Count; l++)
            if (levels[l].Length == 0) empty = l;
        if (empty >= 0)
        {
            int row = Array.IndexOf(codes, empty);
            throw new DataValidationException($"Sensitive column '{name}' is empty at row {row}.", name, row);
        }
        var parsed = new double[levels.Count];
        bool numeric = levels.Count > 0;
        for (int l = 0; l < levels.Count && numeric; l++)
            numeric = double.TryParse(levels[l], NumberStyles.Float, CultureInfo.InvariantCulture, out parsed[l]);
        if (!numeric)
            return SensitiveAttribute.FromCategories(name, codes, levels);
        var values = new double[codes.Length];
        for (int i = 0; i < values.Length; i++) values[i] = parsed[codes[i]];
        return SensitiveAttribute.FromNumbers(name, values, maxDiscreteLevels);
    }

    /// <summary>An append-only array that doubles its capacity (no per-row allocation).</summary>
    private sealed class Growable<T>
    {
        private T[] _items = new T[1 << 16];
        private int _count;

        public void Add(ReadOnlySpan<T> values)
        {
            if (_count + values.Length > _items.Length)
                Array.Resize(ref _items, Math.Max(_items.Length * 2, _count + values.Length));
            values.CopyTo(_items.AsSpan(_count));
            _count += values.Length;
        }

        public T[] ToArray() => _items.AsSpan(0, _count).ToArray();
    }
}
