using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetExtensions.Data;

/// <summary>Reads the KeyValues annotation of a key column as strings (class names).</summary>
public static class KeyNames
{
    /// <summary>The key values of <paramref name="column"/> as text, or "0".."count-1" when it has none.</summary>
    public static string[] Read(DataViewSchema.Column column, int count)
    {
        var annotations = column.Annotations;
        var keyValues = annotations.Schema.GetColumnOrNull(AnnotationKind);
        if (keyValues is { Type: VectorDataViewType vector } && vector.Size == count)
        {
            if (vector.ItemType is TextDataViewType)
            {
                var buffer = default(VBuffer<ReadOnlyMemory<char>>);
                annotations.GetValue(AnnotationKind, ref buffer);
                return buffer.DenseValues().Select(v => v.ToString()).ToArray();
            }
            var method = typeof(KeyNames).GetMethod(nameof(ReadAsStrings), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(vector.ItemType.RawType);
            return (string[])method.Invoke(null, new object[] { annotations })!;
        }
        return Enumerable.Range(0, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>ML.NET's annotation kind for key values.</summary>
    public const string AnnotationKind = "KeyValues";

    /// <summary>ML.NET's annotation kind for slot names.</summary>
    public const string SlotNamesKind = "SlotNames";

    /// <summary>Annotations holding <paramref name="names"/> under <paramref name="kind"/>.</summary>
    public static DataViewSchema.Annotations Annotate(string kind, IReadOnlyList<string> names)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        var values = names.Select(n => n.AsMemory()).ToArray();
        builder.Add(kind, new VectorDataViewType(TextDataViewType.Instance, values.Length),
            (ref VBuffer<ReadOnlyMemory<char>> dst) => dst = new VBuffer<ReadOnlyMemory<char>>(values.Length, (ReadOnlyMemory<char>[])values.Clone()));
        return builder.ToAnnotations();
    }

    private static string[] ReadAsStrings<T>(DataViewSchema.Annotations annotations)
    {
        var buffer = default(VBuffer<T>);
        annotations.GetValue(AnnotationKind, ref buffer);
        return buffer.DenseValues().Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToArray();
    }
}
