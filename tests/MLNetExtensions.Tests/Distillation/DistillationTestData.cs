using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Showcase;

namespace MLNetExtensions.Tests.Distillation;

/// <summary>Small data and a teacher-call counter shared by the distillation tests.</summary>
internal static class DistillationTestData
{
    /// <summary>The showcase's binary task with known probabilities (8 features, labels genuinely uncertain).</summary>
    public static IDataView Binary(MLContext ml, int rows, int seed) =>
        ml.Data.LoadFromEnumerable(ProbabilisticBinaryData.Generate(rows, seed));

    /// <summary>A keyed 3-class task (angle sectors), label as key with class names.</summary>
    public static IDataView Multiclass(MLContext ml, int rows, int seed) =>
        ml.Transforms.Conversion.MapValueToKey("Label").Fit(ml.Data.LoadFromEnumerable(Core.TestData.Sectors(rows, seed)))
            .Transform(ml.Data.LoadFromEnumerable(Core.TestData.Sectors(rows, seed)));

    /// <summary>Counts Transform calls of a wrapped teacher.</summary>
    public sealed class CountingTeacher : ITransformer
    {
        private readonly ITransformer _inner;

        public CountingTeacher(ITransformer inner) => _inner = inner;

        public int TransformCalls { get; private set; }

        public bool IsRowToRowMapper => _inner.IsRowToRowMapper;

        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => _inner.GetOutputSchema(inputSchema);

        public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => _inner.GetRowToRowMapper(inputSchema);

        public void Save(ModelSaveContext ctx) => throw new NotSupportedException("test wrapper");

        public IDataView Transform(IDataView input)
        {
            TransformCalls++;
            return _inner.Transform(input);
        }
    }
}
