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
    /// demographic-parity difference (the largest per-class difference).
    /// </summary>
    /// <param name="data">Scored data.</param>
    /// <param name="sensitiveColumnNames">One or more sensitive columns (number, Boolean, text or key); several = intersections.</param>
    /// <param name="predictedLabelColumnName">The predicted label, a key column. Default "PredictedLabel".</param>
    /// <param name="maxDiscreteLevels">A numeric sensitive column with more distinct values is continuous (skipped). Default 20.</param>
    /// <param name="minGroupSize">Groups with fewer rows are flagged as small. Default 30.</param>
    /// <exception cref="ArgumentException">A column is missing, or the predicted label is not a key.</exception>
    /// <exception cref="DataValidationException">A missing key (row named), or a sensitive column with one value.</exception>
    public MulticlassFairnessReport EvaluateMulticlass(IDataView data, string[] sensitiveColumnNames, string predictedLabelColumnName = "PredictedLabel",
        int maxDiscreteLevels = FairnessEvaluationOptions.DefaultMaxDiscreteLevels, int minGroupSize = 30)
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
        return MulticlassFairnessEvaluator.Evaluate(predicted, KeyNames.Read(column, classes), attributes, minGroupSize, predictedLabelColumnName);
    }
}
