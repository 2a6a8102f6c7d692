using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;

namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// The rows a calibrator is fitted on, read once from an <see cref="IDataView"/> with every value checked:
/// scores as logits (double) and labels. Errors name the column, and the row for value problems.
/// </summary>
internal sealed class CalibrationFitData
{
    private CalibrationFitData(double[] logits, int classes, int[] labels, string[]? classNames)
    {
        Logits = logits;
        ClassCount = classes;
        Labels = labels;
        ClassNames = classNames;
    }

    /// <summary>Logits, row-major: one per row (binary) or <see cref="ClassCount"/> per row (multiclass).</summary>
    public double[] Logits { get; }

    /// <summary>2 for binary, K for multiclass.</summary>
    public int ClassCount { get; }

    /// <summary>0/1 (binary) or 0-based class index (multiclass).</summary>
    public int[] Labels { get; }

    /// <summary>Key values of the multiclass label, else null.</summary>
    public string[]? ClassNames { get; }

    /// <summary>Number of rows.</summary>
    public int Count => Labels.Length;

    /// <summary>Reads a binary fit set: a float score (logit, or probability when <paramref name="isProbability"/>) and a 0/1 label.</summary>
    public static CalibrationFitData ReadBinary(IDataView data, string scoreColumnName, bool isProbability, string labelColumnName)
    {
        ArgumentNullException.ThrowIfNull(data);
        var score = ColumnInfo.Require(data.Schema, scoreColumnName, "Score");
        if (score.Type != NumberDataViewType.Single)
            throw new ArgumentException(
                $"Score column '{score.Name}' has type {score.Type}; a binary calibrator expects Single (float).", score.Name);
        var label = ColumnInfo.Require(data.Schema, labelColumnName, "Label");
        ColumnInfo.CheckLabel(label, LabelKind.Binary);

        var logits = new List<double>();
        var labels = new List<int>();
        using var cursor = data.GetRowCursor(new[] { score, label });
        var scoreGetter = cursor.GetGetter<float>(score);
        Func<long, int> readLabel = BinaryLabelReader(cursor, label);
        long row = 0;
        while (cursor.MoveNext())
        {
            float s = 0;
            scoreGetter(ref s);
            logits.Add(ToLogit(s, isProbability, score.Name, row));
            labels.Add(readLabel(row));
            row++;
        }
        if (row == 0)
            throw DataValidationException.NoRows();
        RequireBothClasses(labels, 2, label.Name);
        return new CalibrationFitData(logits.ToArray(), 2, labels.ToArray(), null);
    }

    /// <summary>Reads a multiclass fit set: a float score vector of K values and a key label with K values.</summary>
    public static CalibrationFitData ReadMulticlass(IDataView data, string scoreColumnName, bool isProbability, string labelColumnName)
    {
        ArgumentNullException.ThrowIfNull(data);
        var score = ColumnInfo.Require(data.Schema, scoreColumnName, "Score");
        int width = ColumnInfo.FloatWidth(score, "Score", allowScalar: false);
        var label = ColumnInfo.Require(data.Schema, labelColumnName, "Label");
        int classes = ColumnInfo.CheckLabel(label, LabelKind.Multiclass);
        if (width != classes)
            throw new ArgumentException(
                $"Score column '{score.Name}' has {width} values per row but label column '{label.Name}' has {classes} classes.", score.Name);
        var classNames = KeyNames.Read(label, classes);

        var logits = new List<double>();
        var labels = new List<int>();
        using var cursor = data.GetRowCursor(new[] { score, label });
        var readScore = FloatColumnReaders.Create(cursor, score, width);
        var labelGetter = cursor.GetGetter<uint>(label);
        var buffer = new float[width];
        long row = 0;
        while (cursor.MoveNext())
        {
            readScore(buffer, row);
            for (int k = 0; k < width; k++)
            {
                if (isProbability && !(buffer[k] >= 0 && buffer[k] <= 1))
                    throw new DataValidationException(
                        $"Score column '{score.Name}' has value {buffer[k]} at row {row}, slot {k}; probabilities must be in [0, 1]. " +
                        "Set ScoreIsProbability = false if the scores are logits.", score.Name, row);
                logits.Add(isProbability ? LogisticMath.SafeLog(buffer[k]) : buffer[k]);
            }
            uint key = 0;
            labelGetter(ref key);
            if (key == 0 || key > classes)
                throw new DataValidationException(
                    key == 0
                        ? $"Label column '{label.Name}' is missing (key 0) at row {row}: the value was not in the key dictionary."
                        : $"Label column '{label.Name}' has key {key} at row {row}, outside 1..{classes}.", label.Name, row);
            labels.Add((int)key - 1);
            row++;
        }
        if (row == 0)
            throw DataValidationException.NoRows();
        RequireBothClasses(labels, classes, label.Name);
        return new CalibrationFitData(logits.ToArray(), classes, labels.ToArray(), classNames);
    }

    /// <summary>Turns one binary input value into a logit, rejecting NaN/Inf and probabilities outside [0, 1].</summary>
    public static double ToLogit(float score, bool isProbability, string columnName, long? row)
    {
        string where = row is null ? "" : $" at row {row}";
        if (!float.IsFinite(score))
            throw new DataValidationException(
                $"Score column '{columnName}' has a non-finite value ({score}){where}. A calibrator needs a finite score on every row; " +
                "remove or impute those rows first.", columnName, row);
        if (!isProbability)
            return score;
        if (!(score >= 0 && score <= 1))
            throw new DataValidationException(
                $"Score column '{columnName}' has value {score}{where}; probabilities must be in [0, 1]. " +
                "Set ScoreIsProbability = false if the scores are logits or margins.", columnName, row);
        return LogisticMath.Logit(score);
    }

    private static Func<long, int> BinaryLabelReader(DataViewRowCursor cursor, DataViewSchema.Column label)
    {
        if (label.Type == BooleanDataViewType.Instance)
        {
            var getter = cursor.GetGetter<bool>(label);
            return _ => { bool b = false; getter(ref b); return b ? 1 : 0; };
        }
        var floats = cursor.GetGetter<float>(label);
        return row =>
        {
            float v = 0;
            floats(ref v);
            if (v != 0f && v != 1f)
                throw new DataValidationException(
                    $"Label column '{label.Name}' has value {v} at row {row}; binary labels must be 0 or 1 (or Boolean).", label.Name, row);
            return (int)v;
        };
    }

    // With one class only every calibrator degenerates (the likelihood has no finite optimum, every bin is 0 or 1), so fail clearly.
    private static void RequireBothClasses(List<int> labels, int classes, string labelName)
    {
        var seen = new bool[classes];
        int distinct = 0;
        foreach (var y in labels)
            if (!seen[y]) { seen[y] = true; distinct++; }
        if (distinct < 2)
            throw new DataValidationException(
                $"Label column '{labelName}' holds a single class in all {labels.Count} rows; a calibrator needs examples of at least two classes.",
                labelName);
    }
}
