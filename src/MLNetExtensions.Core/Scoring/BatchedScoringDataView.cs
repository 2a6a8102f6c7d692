using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;

namespace MLNetExtensions.Scoring;

/// <summary>
/// The lazy result of a batched <c>Transform</c>: the source columns plus a <see cref="BlockMapper"/>'s outputs.
/// Nothing is computed until a cursor moves; a cursor then pulls a block of rows from the source, runs one
/// mapper call for the whole block and yields the rows one by one.
/// </summary>
public sealed class BatchedScoringDataView : IDataView
{
    private readonly IDataView _source;
    private readonly BlockMapper _mapper;
    private readonly int _blockSize;

    /// <summary>Wraps <paramref name="source"/>; checks that the mapper's inputs are present with the right types.</summary>
    public BatchedScoringDataView(IDataView source, BlockMapper mapper, int blockSize)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(mapper);
        if (blockSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(blockSize), blockSize, "The scoring block size must be positive.");
        _source = source;
        _mapper = mapper;
        _blockSize = blockSize;
        Schema = BuildSchema(source.Schema, mapper);
    }

    /// <inheritdoc/>
    public bool CanShuffle => false;

    /// <inheritdoc/>
    public DataViewSchema Schema { get; }

    /// <summary>Output schema for <paramref name="input"/>: its columns plus the mapper's (which hide same-named ones).</summary>
    public static DataViewSchema BuildSchema(DataViewSchema input, BlockMapper mapper)
    {
        foreach (var (name, width) in mapper.Inputs)
        {
            var column = ColumnInfo.Require(input, name, "Input");
            int actual = column.Type is KeyDataViewType key ? KeyInputWidth(column, key) : ColumnInfo.FloatWidth(column, "Input", allowScalar: true);
            if (actual != width)
                throw new ArgumentException(
                    $"Input column '{name}' has {actual} values per row but the model was trained with {width}.", name);
        }
        foreach (var name in mapper.TextInputs)
            TextInputReader.RequireText(input, name);
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        foreach (var output in mapper.Outputs)
            builder.AddColumn(output.Name, output.Type, output.Annotations);
        return builder.ToSchema();
    }

    // A key input is read as its 1-based value in a float, exact up to 2^24.
    private static int KeyInputWidth(DataViewSchema.Column column, KeyDataViewType key)
    {
        if (key.RawType != typeof(uint) || key.Count == 0 || key.Count > 1UL << 24)
            throw new ArgumentException(
                $"Input column '{column.Name}' is a key of {key.RawType.Name} with {key.Count} values; a UInt32 key with 1 to 16,777,216 values is required.",
                column.Name);
        return 1;
    }

    /// <inheritdoc/>
    public long? GetRowCount() => _source.GetRowCount();

    /// <inheritdoc/>
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToArray();
        int sourceCount = _source.Schema.Count;
        bool anyOutput = needed.Any(c => c.Index >= sourceCount);
        var sourceColumns = needed.Where(c => c.Index < sourceCount).Select(c => _source.Schema[c.Index]).ToList();
        if (anyOutput)
        {
            sourceColumns.AddRange(_mapper.Inputs.Select(i => _source.Schema[i.Name]));
            sourceColumns.AddRange(_mapper.TextInputs.Select(name => _source.Schema[name]));
        }
        var cursor = _source.GetRowCursor(sourceColumns.Distinct());
        return new BatchedScoringCursor(this, cursor, _mapper, _blockSize, needed, anyOutput);
    }

    /// <inheritdoc/>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        new[] { GetRowCursor(columnsNeeded, rand) };

    private sealed class BatchedScoringCursor : DataViewRowCursor
    {
        private readonly BatchedScoringDataView _parent;
        private readonly DataViewRowCursor _source;
        private readonly BlockMapper _mapper;
        private readonly int _blockSize;
        private readonly bool[] _active;
        private readonly Dictionary<int, ColumnBlockCache> _caches = new();
        private readonly ValueGetter<DataViewRowId> _sourceId;
        private readonly DataViewRowId[] _ids;
        private readonly FloatColumnReader[] _inputReaders;
        private readonly Func<string>[] _textReaders;
        private readonly BlockInputs? _inputs;
        private readonly BlockOutputs? _outputs;
        private int _rowsInBlock;
        private int _index = -1;
        private long _position = -1;
        private bool _done;

        public BatchedScoringCursor(BatchedScoringDataView parent, DataViewRowCursor source, BlockMapper mapper, int blockSize,
            DataViewSchema.Column[] needed, bool anyOutput)
        {
            _parent = parent;
            _source = source;
            _mapper = mapper;
            _blockSize = blockSize;
            _active = new bool[parent.Schema.Count];
            foreach (var c in needed) _active[c.Index] = true;
            int sourceCount = source.Schema.Count;
            foreach (var c in needed.Where(c => c.Index < sourceCount))
                _caches[c.Index] = ColumnBlockCache.Create(source, source.Schema[c.Index], blockSize);
            _sourceId = source.GetIdGetter();
            _ids = new DataViewRowId[blockSize];
            if (anyOutput)
            {
                _inputReaders = mapper.Inputs.Select(i => FloatColumnReaders.Create(source, source.Schema[i.Name], i.Width)).ToArray();
                _textReaders = mapper.TextInputs.Select(name => TextInputReader.Create(source, source.Schema[name])).ToArray();
                _inputs = new BlockInputs(blockSize, mapper.Inputs.Select(i => i.Width).ToArray(), _textReaders.Length);
                _outputs = new BlockOutputs(blockSize, mapper.Outputs);
            }
            else
            {
                _inputReaders = Array.Empty<FloatColumnReader>();
                _textReaders = Array.Empty<Func<string>>();
            }
        }

        public override DataViewSchema Schema => _parent.Schema;
        public override long Position => _position;
        public override long Batch => 0;

        public override bool MoveNext()
        {
            if (_done) return false;
            if (_index + 1 < _rowsInBlock)
            {
                _index++;
                _position++;
                return true;
            }
            if (!FillBlock())
            {
                _done = true;
                return false;
            }
            _index = 0;
            _position++;
            return true;
        }

        private bool FillBlock()
        {
            int n = 0;
            long firstRow = _position + 1;
            while (n < _blockSize && _source.MoveNext())
            {
                _sourceId(ref _ids[n]);
                foreach (var cache in _caches.Values)
                    cache.Read(n);
                for (int i = 0; i < _inputReaders.Length; i++)
                    _inputReaders[i](_inputs!.Values[i].AsSpan(n * _inputs.Widths[i], _inputs.Widths[i]), firstRow + n);
                for (int i = 0; i < _textReaders.Length; i++)
                    _inputs!.Texts[i][n] = _textReaders[i]();
                n++;
            }
            _rowsInBlock = n;
            if (n == 0) return false;
            if (_outputs is not null)
            {
                _inputs!.FirstRow = firstRow;
                _mapper.MapBlock(_inputs, n, _outputs);
            }
            return true;
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!_active[column.Index])
                throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created.");
            int sourceCount = _source.Schema.Count;
            Delegate getter = column.Index < sourceCount
                ? _caches[column.Index].CreateGetter(() => _index)
                : OutputGetters.Create(_outputs!, column.Index - sourceCount, () => _index, static () => { });
            if (getter is ValueGetter<TValue> typed)
                return typed;
            throw new InvalidOperationException(
                $"Column '{column.Name}' has type {column.Type}; it cannot be read as {typeof(TValue).Name}.");
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = _ids[_index];

        protected override void Dispose(bool disposing)
        {
            if (disposing) _source.Dispose();
            base.Dispose(disposing);
        }
    }
}
