using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetExtensions.Scoring;

/// <summary>
/// Holds one source column's values for the rows of a block, so a batched cursor can read ahead of the row it
/// exposes. Vector values are deep-copied because ML.NET getters reuse their buffers.
/// </summary>
internal abstract class ColumnBlockCache
{
    public static ColumnBlockCache Create(DataViewRowCursor source, DataViewSchema.Column column, int capacity)
    {
        var raw = column.Type.RawType;
        var generic = raw.IsGenericType && raw.GetGenericTypeDefinition() == typeof(VBuffer<>)
            ? typeof(VectorBlockCache<>).MakeGenericType(raw.GetGenericArguments()[0])
            : typeof(ValueBlockCache<>).MakeGenericType(raw);
        return (ColumnBlockCache)Activator.CreateInstance(generic, source, column, capacity)!;
    }

    /// <summary>Reads the current source row into slot <paramref name="index"/>.</summary>
    public abstract void Read(int index);

    /// <summary>A getter returning the value at the block index given by <paramref name="currentIndex"/>.</summary>
    public abstract Delegate CreateGetter(Func<int> currentIndex);
}

internal sealed class ValueBlockCache<T> : ColumnBlockCache
{
    private readonly ValueGetter<T> _getter;
    private readonly T[] _values;

    public ValueBlockCache(DataViewRowCursor source, DataViewSchema.Column column, int capacity)
    {
        _getter = source.GetGetter<T>(column);
        _values = new T[capacity];
    }

    public override void Read(int index) => _getter(ref _values[index]);

    public override Delegate CreateGetter(Func<int> currentIndex) =>
        new ValueGetter<T>((ref T value) => value = _values[currentIndex()]);
}

internal sealed class VectorBlockCache<T> : ColumnBlockCache
{
    private readonly ValueGetter<VBuffer<T>> _getter;
    private readonly VBuffer<T>[] _values;
    private VBuffer<T> _scratch;

    public VectorBlockCache(DataViewRowCursor source, DataViewSchema.Column column, int capacity)
    {
        _getter = source.GetGetter<VBuffer<T>>(column);
        _values = new VBuffer<T>[capacity];
    }

    public override void Read(int index)
    {
        _getter(ref _scratch);
        _scratch.CopyTo(ref _values[index]);
    }

    public override Delegate CreateGetter(Func<int> currentIndex) =>
        new ValueGetter<VBuffer<T>>((ref VBuffer<T> value) => _values[currentIndex()].CopyTo(ref value));
}
