using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;
using MLNetExtensions.Distillation.Trainers;

namespace MLNetExtensions.Distillation.Teachers;

/// <summary>
/// A teacher's outputs over a data set, read once and held as logits (row-major, <see cref="Width"/> per row).
/// Binary (width 1): log(p / (1 - p)) of the teacher's Probability column, p clipped to [eps, 1 - eps], when it has
/// one; otherwise its scalar Score taken as a logit (ML.NET binary trainers' Score is a margin, which for the
/// logistic-loss trainers - LightGBM, FastTree, SDCA logistic, our MLP - is the logit before calibration), or, for a
/// two-entry Score vector of class probabilities, log p1 - log p0. Multiclass (width K): log of the Score vector
/// of class probabilities (ML.NET's multiclass Score), clipped at eps; softmax(log p) = p, so these are logits.
/// The teacher is only asked to Transform; it is never modified or differentiated.
/// </summary>
public sealed class TeacherLogits
{
    private TeacherLogits(float[] values, int width, string sourceColumn)
    {
        Values = values;
        Width = width;
        SourceColumn = sourceColumn;
    }

    /// <summary>Row-major logits, <see cref="RowCount"/> x <see cref="Width"/>.</summary>
    public float[] Values { get; }

    /// <summary>1 for a binary task (one logit), K for K classes.</summary>
    public int Width { get; }

    /// <summary>Rows read.</summary>
    public int RowCount => Values.Length / Width;

    /// <summary>The teacher output column the logits came from.</summary>
    public string SourceColumn { get; }

    /// <summary>
    /// Scores <paramref name="data"/> with <paramref name="teacher"/> once and converts its outputs to logits.
    /// <paramref name="classCount"/> is 0 for a binary student, else the student label's class count.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The teacher cannot read <paramref name="data"/> (a column it needs is missing or has another type or width);
    /// its output has neither the score nor the probability column; its class count or class names differ from the label's.
    /// </exception>
    /// <exception cref="DataValidationException">A teacher output is NaN/Inf, a probability is outside [0, 1], or a probability row does not sum to 1.</exception>
    public static TeacherLogits Query(ITransformer teacher, IDataView data, int classCount, DistillationOptions options,
        DataViewSchema.Column? labelColumn = null)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var schema = TeacherOutputSchema(teacher, data.Schema, options.Student.FeatureColumnName);
        var scored = teacher.Transform(data);
        double eps = options.TeacherProbabilityClip;
        string present() => string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => $"'{c.Name}'"));

        if (classCount == 0)
        {
            var probability = Visible(schema, options.TeacherProbabilityColumnName);
            if (probability is { } p && IsFloat(p.Type))
                return new TeacherLogits(ReadScalar(scored, p.Name, isProbability: true, eps), 1, p.Name);
            var score = Visible(schema, options.TeacherScoreColumnName);
            if (score is { } s && IsFloat(s.Type))
                return new TeacherLogits(ReadScalar(scored, s.Name, isProbability: false, eps), 1, s.Name);
            if (score is { } sv && sv.Type is VectorDataViewType { IsKnownSize: true, Size: 2 } && IsFloat(((VectorDataViewType)sv.Type).ItemType))
            {
                var pairs = ReadVector(scored, sv.Name, 2, eps);
                var logits = new float[pairs.Length / 2];
                for (int i = 0; i < logits.Length; i++)
                    logits[i] = pairs[2 * i + 1] - pairs[2 * i];
                return new TeacherLogits(logits, 1, sv.Name);
            }
            if (score is { } wrong)
                throw new ArgumentException(
                    $"The teacher's score column '{wrong.Name}' has type {wrong.Type}; a binary student needs a Single logit or a 2-class probability vector " +
                    $"(or a '{options.TeacherProbabilityColumnName}' column). The teacher's output has columns {present()}.", nameof(teacher));
            throw new ArgumentException(
                $"The teacher's output has neither a probability column '{options.TeacherProbabilityColumnName}' nor a score column '{options.TeacherScoreColumnName}' " +
                $"(set DistillationOptions.TeacherProbabilityColumnName or TeacherScoreColumnName). Its columns: {present()}.", nameof(teacher));
        }

        var multi = Visible(schema, options.TeacherScoreColumnName)
            ?? throw new ArgumentException(
                $"The teacher's output has no score column '{options.TeacherScoreColumnName}' (class probabilities; set DistillationOptions.TeacherScoreColumnName). " +
                $"Its columns: {present()}.", nameof(teacher));
        if (multi.Type is not VectorDataViewType { IsKnownSize: true } vector || !IsFloat(vector.ItemType))
            throw new ArgumentException(
                $"The teacher's score column '{multi.Name}' has type {multi.Type}; a multiclass student with {classCount} classes needs a vector of " +
                $"{classCount} class probabilities (is the teacher a binary model?).", nameof(teacher));
        if (vector.Size != classCount)
            throw new ArgumentException(
                $"Class-count mismatch: the teacher's score column '{multi.Name}' has {vector.Size} classes but the student's label column " +
                $"'{options.Student.LabelColumnName}' has {classCount}.", nameof(teacher));
        CheckClassNames(multi, labelColumn, classCount, options.Student.LabelColumnName);
        return new TeacherLogits(ReadVector(scored, multi.Name, classCount, eps), classCount, multi.Name);
    }

    private static DataViewSchema TeacherOutputSchema(ITransformer teacher, DataViewSchema input, string featureColumnName)
    {
        try
        {
            return teacher.GetOutputSchema(input);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            // ML.NET's own messages name the column; say where the data came from and what to do.
            throw new ArgumentException(
                $"The teacher cannot score the student's training data: {e.Message} The teacher reads its own input columns from the data " +
                $"passed to Fit, with the types and widths it was trained on; the student reads '{featureColumnName}'. " +
                "Pass data that holds the teacher's inputs too (e.g. the raw columns before the teacher's own featurisation).", nameof(teacher), e);
        }
    }

    private static DataViewSchema.Column? Visible(DataViewSchema schema, string name) =>
        schema.GetColumnOrNull(name) is { IsHidden: false } c ? c : null;

    private static bool IsFloat(DataViewType type) => type == NumberDataViewType.Single || type == NumberDataViewType.Double;

    private static float Logit(double p, double eps)
    {
        double q = Math.Clamp(p, eps, 1 - eps);
        return (float)Math.Log(q / (1 - q));
    }

    private static float[] ReadScalar(IDataView scored, string column, bool isProbability, double eps)
    {
        var col = scored.Schema[column];
        var values = new List<float>();
        using var cursor = scored.GetRowCursor(new[] { col });
        Func<double> get = col.Type == NumberDataViewType.Double ? DoubleGetter(cursor, col) : SingleGetter(cursor, col);
        long row = 0;
        while (cursor.MoveNext())
        {
            double v = get();
            if (!double.IsFinite(v))
                throw new DataValidationException($"The teacher's output column '{column}' is {v} at row {row}.", column, row);
            if (isProbability && (v < 0 || v > 1))
                throw new DataValidationException($"The teacher's probability column '{column}' is {v} at row {row}; values in [0, 1] are expected.", column, row);
            values.Add(isProbability ? Logit(v, eps) : (float)v);
            row++;
        }
        if (values.Count == 0)
            throw DataValidationException.NoRows();
        return values.ToArray();
    }

    private static float[] ReadVector(IDataView scored, string column, int width, double eps)
    {
        var col = scored.Schema[column];
        var values = new List<float>();
        using var cursor = scored.GetRowCursor(new[] { col });
        bool isDouble = ((VectorDataViewType)col.Type).ItemType == NumberDataViewType.Double;
        var floatGetter = isDouble ? null : cursor.GetGetter<VBuffer<float>>(col);
        var doubleGetter = isDouble ? cursor.GetGetter<VBuffer<double>>(col) : null;
        var floats = default(VBuffer<float>);
        var doubles = default(VBuffer<double>);
        var row = new double[width];
        long index = 0;
        while (cursor.MoveNext())
        {
            if (isDouble)
            {
                doubleGetter!(ref doubles);
                doubles.CopyTo(row);
            }
            else
            {
                floatGetter!(ref floats);
                for (int k = 0; k < width; k++) row[k] = floats.GetItemOrDefault(k);
            }
            double sum = 0;
            for (int k = 0; k < width; k++)
            {
                double p = row[k];
                if (!double.IsFinite(p) || p < 0 || p > 1)
                    throw new DataValidationException(
                        $"The teacher's column '{column}' holds {p} for class {k} at row {index}; class probabilities in [0, 1] are expected.", column, index);
                sum += p;
            }
            if (Math.Abs(sum - 1) > 1e-3)
                throw new DataValidationException(
                    $"The teacher's column '{column}' sums to {sum} at row {index}; class probabilities summing to 1 are expected (apply softmax or a calibrator first).",
                    column, index);
            for (int k = 0; k < width; k++)
                values.Add((float)Math.Log(Math.Max(row[k], eps)));
            index++;
        }
        if (values.Count == 0)
            throw DataValidationException.NoRows();
        return values.ToArray();
    }

    private static Func<double> SingleGetter(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var getter = cursor.GetGetter<float>(column);
        float v = 0;
        return () => { getter(ref v); return v; };
    }

    private static Func<double> DoubleGetter(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var getter = cursor.GetGetter<double>(column);
        double v = 0;
        return () => { getter(ref v); return v; };
    }

    private static void CheckClassNames(DataViewSchema.Column score, DataViewSchema.Column? label, int classCount, string labelName)
    {
        // Same count but another order would silently teach the wrong classes: compare names when both sides have them.
        if (label is null || label.Value.Annotations.Schema.GetColumnOrNull(KeyNames.AnnotationKind) is null)
            return;
        var slots = score.Annotations.Schema.GetColumnOrNull(KeyNames.SlotNamesKind);
        if (slots is not { Type: VectorDataViewType { ItemType: TextDataViewType } slotType } || slotType.Size != classCount)
            return;
        var buffer = default(VBuffer<ReadOnlyMemory<char>>);
        score.Annotations.GetValue(KeyNames.SlotNamesKind, ref buffer);
        var teacherNames = buffer.DenseValues().Select(v => v.ToString()).ToArray();
        var studentNames = KeyNames.Read(label.Value, classCount);
        if (!teacherNames.SequenceEqual(studentNames))
            throw new ArgumentException(
                $"Class mismatch: the teacher's score column '{score.Name}' has classes [{string.Join(", ", teacherNames)}] but the student's label column " +
                $"'{labelName}' has [{string.Join(", ", studentNames)}] (same MapValueToKey for both, please).", "teacher");
    }
}
