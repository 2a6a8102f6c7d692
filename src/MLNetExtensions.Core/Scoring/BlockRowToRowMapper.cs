using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;

namespace MLNetExtensions.Scoring;

/// <summary>
/// Row-at-a-time view of a <see cref="BlockMapper"/> (a block of one row), so ML.NET's PredictionEngine works.
/// Outputs are computed once per input row, on first request.
/// </summary>
public sealed class BlockRowToRowMapper : IRowToRowMapper
{
    private readonly BlockMapper _mapper;

    /// <summary>Creates the mapper for rows of <paramref name="inputSchema"/>.</summary>
    public BlockRowToRowMapper(DataViewSchema inputSchema, BlockMapper mapper)
    {
        InputSchema = inputSchema;
        _mapper = mapper;
        OutputSchema = BatchedScoringDataView.BuildSchema(inputSchema, mapper);
    }

    /// <inheritdoc/>
    public DataViewSchema InputSchema { get; }

    /// <inheritdoc/>
    public DataViewSchema OutputSchema { get; }

    /// <inheritdoc/>
    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        var result = new List<DataViewSchema.Column>();
        foreach (var c in dependingColumns)
        {
            if (c.Index < InputSchema.Count)
                result.Add(InputSchema[c.Index]);
            else
            {
                result.AddRange(_mapper.Inputs.Select(i => InputSchema[i.Name]));
                result.AddRange(_mapper.TextInputs.Select(name => InputSchema[name]));
            }
        }
        return result.Distinct();
    }

    /// <inheritdoc/>
    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) =>
        new MappedRow(this, input, activeColumns.ToArray());

    private sealed class MappedRow : DataViewRow
    {
        private readonly BlockRowToRowMapper _parent;
        private readonly DataViewRow _input;
        private readonly bool[] _active;
        private readonly FloatColumnReader[] _readers;
        private readonly Func<string>[] _textReaders;
        private readonly BlockInputs _inputs;
        private readonly BlockOutputs _outputs;
        private long _computedPosition = -1;

        public MappedRow(BlockRowToRowMapper parent, DataViewRow input, DataViewSchema.Column[] active)
        {
            _parent = parent;
            _input = input;
            _active = new bool[parent.OutputSchema.Count];
            foreach (var c in active) _active[c.Index] = true;
            var mapper = parent._mapper;
            _readers = mapper.Inputs.Select(i => FloatColumnReaders.Create(input, input.Schema[i.Name], i.Width)).ToArray();
            _textReaders = mapper.TextInputs.Select(name => TextInputReader.Create(input, input.Schema[name])).ToArray();
            _inputs = new BlockInputs(1, mapper.Inputs.Select(i => i.Width).ToArray(), _textReaders.Length);
            _outputs = new BlockOutputs(1, mapper.Outputs);
        }

        public override DataViewSchema Schema => _parent.OutputSchema;
        public override long Position => _input.Position;
        public override long Batch => _input.Batch;
        public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();
        public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            int inputCount = _parent.InputSchema.Count;
            if (column.Index < inputCount)
                return _input.GetGetter<TValue>(_input.Schema[column.Index]);
            var getter = OutputGetters.Create(_outputs, column.Index - inputCount, static () => 0, Compute);
            if (getter is ValueGetter<TValue> typed)
                return typed;
            throw new InvalidOperationException($"Column '{column.Name}' has type {column.Type}; it cannot be read as {typeof(TValue).Name}.");
        }

        private void Compute()
        {
            // PredictionEngine reuses one row object with Position -1 for every call, so recompute each time then.
            long position = _input.Position;
            if (position >= 0 && position == _computedPosition)
                return;
            for (int i = 0; i < _readers.Length; i++)
                _readers[i](_inputs.Values[i].AsSpan(0, _inputs.Widths[i]), Math.Max(position, 0));
            for (int i = 0; i < _textReaders.Length; i++)
                _inputs.Texts[i][0] = _textReaders[i]();
            _inputs.FirstRow = Math.Max(position, 0);
            _parent._mapper.MapBlock(_inputs, 1, _outputs);
            _computedPosition = position;
        }
    }
}
