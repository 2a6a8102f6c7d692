using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Persistence;

namespace MLNetExtensions.Scoring;

/// <summary>
/// Base of the library's scoring transformers: the ML.NET transformer surface over one <see cref="BlockMapper"/>.
/// <see cref="Transform"/> is lazy and scores blocks of <see cref="ScoringBatchSize"/> rows; <see cref="IsRowToRowMapper"/>
/// is true, so ML.NET's PredictionEngine works. ML.NET's plain <c>Save</c> throws and names
/// <c>mlContext.Model.SaveWithExtensions</c>; derived classes write their state in <see cref="SaveComponent"/>.
/// </summary>
public abstract class BlockMappedTransformer : IExtensionTransformer
{
    private BlockMapper? _mapper;

    /// <inheritdoc/>
    public abstract string ComponentKind { get; }

    /// <inheritdoc/>
    public abstract int ComponentVersion { get; }

    /// <summary>Rows scored per block by <see cref="Transform"/>.</summary>
    protected abstract int ScoringBatchSize { get; }

    /// <inheritdoc/>
    public bool IsRowToRowMapper => true;

    /// <summary>The mapper, created on first use (after the derived constructor has set the state it reads).</summary>
    private BlockMapper Mapper => LazyInitializer.EnsureInitialized(ref _mapper, CreateMapper);

    /// <summary>Creates the mapper that scores one block of rows.</summary>
    protected abstract BlockMapper CreateMapper();

    /// <summary>Checks an input schema beyond what the mapper checks (column types); throws naming the column.</summary>
    protected virtual void CheckInputSchema(DataViewSchema inputSchema)
    {
    }

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        CheckInputSchema(inputSchema);
        return BatchedScoringDataView.BuildSchema(inputSchema, Mapper);
    }

    /// <inheritdoc/>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInputSchema(input.Schema);
        return new BatchedScoringDataView(input, Mapper, ScoringBatchSize);
    }

    /// <inheritdoc/>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        CheckInputSchema(inputSchema);
        return new BlockRowToRowMapper(inputSchema, Mapper);
    }

    /// <summary>Not supported: ML.NET's save context is internal. Use <c>mlContext.Model.SaveWithExtensions</c>.</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => throw ExtensionModelSerializer.PlainSaveNotSupported(GetType());

    /// <inheritdoc/>
    public abstract void SaveComponent(ComponentWriter writer);
}
