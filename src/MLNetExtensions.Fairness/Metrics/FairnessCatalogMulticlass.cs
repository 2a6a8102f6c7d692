using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;
using MLNetExtensions.Fairness.Metrics;

namespace MLNetExtensions.Fairness;

public sealed partial class FairnessCatalog
{
    /// <summary>
    /// Demographic parity of a multiclass classifier's predicted labels (a key column, as ML.NET's multiclass trainers
    /// and <c>FairMulticlassClassifier</c> output) across the (intersectional) groups of the sensitive columns:
    /// per-class (one-vs-rest) selection rates by group, their differences and ratios, and the multiclass
    /// demographic-parity difference (the largest per-class difference). With a label column (default "Label"), also
    /// per class (one-vs-rest) TPR, FPR and accuracy by group, the multiclass accuracy by group and the multiclass
    /// equalized-odds and equal-opportunity differences and ratios (worst case and mean over classes).
    /// </summary>
    /// <param name="data">Scored data.</param>
    /// <param name="sensitiveColumnNames">One or more sensitive columns (number, Boolean, text or key); several = intersections.</param>
    /// <param name="predictedLabelColumnName">The predicted label, a key column. Default "PredictedLabel".</param>
    /// <param name="maxDiscreteLevels">A numeric sensitive column with more distinct values is continuous (skipped). Default 20.</param>
    /// <param name="minGroupSize">Groups with fewer rows are flagged as small. Default 30.</param>
    /// <param name="labelColumnName">
    /// The true label: a key column with the same classes as the predicted label, or a number holding the 0-based
    /// class index. Default "Label"; null for demographic parity only (no label needed).
    /// </param>
    /// <exception cref="ArgumentException">
    /// A column is missing, the predicted label is not a key, or the label's key count or key values differ from the
    /// predicted label's.
    /// </exception>
    /// <exception cref="DataValidationException">
    /// A missing key, a NaN, non-integer or out-of-range numeric label (column and row named), or a sensitive column with one value.
    /// </exception>
    public MulticlassFairnessReport EvaluateMulticlass(IDataView data, string[] sensitiveColumnNames, string predictedLabelColumnName = "PredictedLabel",
        int maxDiscreteLevels = FairnessEvaluationOptions.DefaultMaxDiscreteLevels, int minGroupSize = 30, string? labelColumnName = "Label")
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(sensitiveColumnNames);
        if (sensitiveColumnNames.Length == 0)
            throw new ArgumentException("At least one sensitive column name is needed.", nameof(sensitiveColumnNames));
        var column = ColumnInfo.Require(data.Schema, predictedLabelColumnName, "Predicted label");
        if (column.Type is not KeyDataViewType { RawType: var raw } key || raw != typeof(uint))
            throw new ArgumentException(
                $"Predicted label column '{predictedLabelColumnName}' has type {column.Type}; a multiclass prediction is a UInt32 key (MapValueToKey, or a multiclass trainer's PredictedLabel).",
                predictedLabelColumnName);
        int classes = checked((int)key.Count);
        var classNames = KeyNames.Read(column, classes);
        DataViewSchema.Column? labelColumn = null;
        if (labelColumnName is not null)
        {
            labelColumn = ColumnInfo.Require(data.Schema, labelColumnName, "Label");
            if (labelColumn.Value.Type is KeyDataViewType labelKey)
            {
                if (labelKey.RawType != typeof(uint) || labelKey.Count != key.Count)
                    throw new ArgumentException(
                        $"Label column '{labelColumnName}' is a key with {labelKey.Count} classes; predicted label column '{predictedLabelColumnName}' has {key.Count}. Both must be UInt32 keys over the same classes (map the label once and train on it).",
                        labelColumnName);
                var labelNames = KeyNames.Read(labelColumn.Value, classes);
                int differs = Enumerable.Range(0, classes).FirstOrDefault(c => labelNames[c] != classNames[c], -1);
                if (differs >= 0)
                    throw new ArgumentException(
                        $"Label column '{labelColumnName}' key {differs + 1} is '{labelNames[differs]}' but predicted label column '{predictedLabelColumnName}' key {differs + 1} is '{classNames[differs]}': the two keys must map the same classes in the same order.",
                        labelColumnName);
            }
            else if (!MulticlassLabelReader.IsNumeric(labelColumn.Value.Type))
                throw new ArgumentException(
                    $"Label column '{labelColumnName}' has type {labelColumn.Value.Type}; a multiclass label is a UInt32 key or a number holding the 0-based class index.",
                    labelColumnName);
        }
        var attributes = DataViewFairnessReader.ReadAttributes(data, sensitiveColumnNames, maxDiscreteLevels);
        var predicted = new List<int>();
        using (var cursor = data.GetRowCursor(new[] { column }))
        {
            var getter = cursor.GetGetter<uint>(column);
            uint value = 0;
            while (cursor.MoveNext())
            {
                getter(ref value);
                if (value == 0)
                    throw new DataValidationException($"Predicted label column '{predictedLabelColumnName}' has a missing key at row {predicted.Count}.", predictedLabelColumnName, predicted.Count);
                predicted.Add((int)value - 1);
            }
        }
        if (labelColumn is null)
            return MulticlassFairnessEvaluator.Evaluate(predicted, classNames, attributes, minGroupSize, predictedLabelColumnName);
        var labels = MulticlassLabelReader.Read(data, labelColumn.Value, classes);
        return MulticlassFairnessEvaluator.Evaluate(labels, predicted, classNames, attributes, minGroupSize, predictedLabelColumnName, labelColumnName!);
    }
}
