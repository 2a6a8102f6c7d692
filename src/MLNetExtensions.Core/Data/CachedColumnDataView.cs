using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetExtensions.Data;

/// <summary>
/// A source view plus one float vector column whose values come from an array, row i of the array for the i-th row
/// a cursor yields. This is how cached teacher logits travel with the training rows through Core's trainer
/// (in-memory split and shuffling, or streaming with pool shuffle) without querying the teacher again, and how the
/// fairness trainers carry the encoded protected attributes.
/// It relies on what ML.NET assumes of every IDataView: an unshuffled cursor yields the same rows in the same order.
/// </summary>
internal sealed class CachedColumnDataView : IDataView
{
    private readonly IDataView _source;
    private readonly float[] _values;
    private readonly int _width;

    public CachedColumnDataView(IDataView source, string columnName, float[] values, int width)
    {
        _source = source;
        _values = values;
        _width = width;
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(source.Schema);
        builder.AddColumn(columnName, new VectorDataViewType(NumberDataViewType.Single, width));
        Schema = builder.ToSchema();
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _values.Length / _width;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToArray();
        int sourceCount = _source.Schema.Count;
        var cursor = _source.GetRowCursor(needed.Where(c => c.Index < sourceCount).Select(c => _source.Schema[c.Index]));
        return new Cursor(this, cursor, needed);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        new[] { GetRowCursor(columnsNeeded, rand) };

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly CachedColumnDataView _parent;
        private readonly DataViewRowCursor _source;
        private readonly bool[] _active;
        private long _position = -1;

        public Cursor(CachedColumnDataView parent, DataViewRowCursor source, DataViewSchema.Column[] needed)
        {
            _parent = parent;
            _source = source;
            _active = new bool[parent.Schema.Count];
            foreach (var c in needed) _active[c.Index] = true;
        }

        public override DataViewSchema Schema => _parent.Schema;
        public override long Position => _position;
        public override long Batch => 0;

        public override bool MoveNext()
        {
            if (!_source.MoveNext())
                return false;
            _position++;
            if ((_position + 1) * _parent._width > _parent._values.Length)
                throw new InvalidOperationException(
                    $"The data yields more rows than the {_parent._values.Length / _parent._width} the teacher scored; the data view must give the same rows on every read.");
            return true;
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!_active[column.Index])
                throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created.");
            int sourceCount = _source.Schema.Count;
            if (column.Index < sourceCount)
                return _source.GetGetter<TValue>(_source.Schema[column.Index]);
            ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> dst) =>
            {
                int width = _parent._width;
                var editor = VBufferEditor.Create(ref dst, width);
                _parent._values.AsSpan(checked((int)(_position * width)), width).CopyTo(editor.Values);
                dst = editor.Commit();
            };
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' is a float vector; it cannot be read as {typeof(TValue).Name}.");
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => _source.GetIdGetter();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _source.Dispose();
            base.Dispose(disposing);
        }
    }
}
