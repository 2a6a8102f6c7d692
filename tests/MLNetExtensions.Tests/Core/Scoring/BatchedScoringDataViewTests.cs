using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Scoring;
using Xunit;

namespace MLNetExtensions.Tests.Core.Scoring;

public class BatchedScoringDataViewTests
{
    /// <summary>Sum of the inputs and its sign; counts its calls.</summary>
    private sealed class SumMapper : BlockMapper
    {
        public int Calls;
        public List<int> BlockSizes { get; } = new();
        public override IReadOnlyList<(string Name, int Width)> Inputs { get; } = new[] { ("Features", 3) };
        public override IReadOnlyList<ScoreColumn> Outputs { get; } = new[] { ScoreColumn.Single("Sum"), ScoreColumn.Boolean("Positive") };

        public override void MapBlock(BlockInputs inputs, int rows, BlockOutputs outputs)
        {
            Interlocked.Increment(ref Calls);
            lock (BlockSizes) BlockSizes.Add(rows);
            for (int r = 0; r < rows; r++)
            {
                float sum = inputs.Values[0][r * 3] + inputs.Values[0][r * 3 + 1] + inputs.Values[0][r * 3 + 2];
                outputs.Floats[0][r] = sum;
                outputs.Booleans[1][r] = sum > 0;
            }
        }
    }

    private sealed class Row
    {
        public string Name { get; set; } = "";
        [VectorType(3)] public float[] Features { get; set; } = Array.Empty<float>();
    }

    private static List<Row> Rows(int n) => Enumerable.Range(0, n)
        .Select(i => new Row { Name = $"row{i}", Features = new[] { i, -2f * i, i % 5 } }).ToList();

    [Fact]
    public void IsLazyAndRunsOneMapperCallPerBlock()
    {
        var ml = new MLContext(1);
        var mapper = new SumMapper();
        var view = new BatchedScoringDataView(ml.Data.LoadFromEnumerable(Rows(250)), mapper, blockSize: 100);
        Assert.Equal(0, mapper.Calls); // nothing computed until a cursor moves

        var sums = view.GetColumn<float>("Sum").ToArray();
        Assert.Equal(3, mapper.Calls);
        Assert.Equal(new[] { 100, 100, 50 }, mapper.BlockSizes);
        Assert.Equal(Rows(250).Select(r => r.Features.Sum()), sums);
    }

    [Fact]
    public void PassThroughColumnsSurviveReadAhead()
    {
        var ml = new MLContext(1);
        var rows = Rows(37);
        var view = new BatchedScoringDataView(ml.Data.LoadFromEnumerable(rows), new SumMapper(), blockSize: 8);
        var names = view.GetColumn<string>("Name").ToArray();
        var features = view.GetColumn<float[]>("Features").ToArray();
        var positive = view.GetColumn<bool>("Positive").ToArray();
        Assert.Equal(rows.Select(r => r.Name), names);
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(rows[i].Features, features[i]); // vectors are deep-copied per row, not aliased
            Assert.Equal(rows[i].Features.Sum() > 0, positive[i]);
        }
    }

    [Fact]
    public void ReadingOnlySourceColumnsDoesNotRunTheMapper()
    {
        var ml = new MLContext(1);
        var mapper = new SumMapper();
        var view = new BatchedScoringDataView(ml.Data.LoadFromEnumerable(Rows(20)), mapper, blockSize: 8);
        Assert.Equal(20, view.GetColumn<string>("Name").Count());
        Assert.Equal(0, mapper.Calls);
    }

    [Fact]
    public void RowMapperGivesTheSameValuesOneRowAtATime()
    {
        var ml = new MLContext(1);
        var source = ml.Data.LoadFromEnumerable(Rows(10));
        var mapper = new SumMapper();
        var rowMapper = new BlockRowToRowMapper(source.Schema, mapper);
        using var cursor = source.GetRowCursor(source.Schema);
        var outputColumn = rowMapper.OutputSchema["Sum"];
        Assert.Equal(new[] { "Features" }, rowMapper.GetDependencies(new[] { outputColumn }).Select(c => c.Name));
        using var row = rowMapper.GetRow(cursor, new[] { outputColumn });
        var getter = row.GetGetter<float>(outputColumn);
        var expected = Rows(10).Select(r => r.Features.Sum()).ToArray();
        int i = 0;
        float value = 0;
        while (cursor.MoveNext())
        {
            getter(ref value);
            getter(ref value); // a second read of the same row reuses the computed block
            Assert.Equal(expected[i++], value);
        }
        Assert.Equal(10, mapper.Calls);
    }

    [Fact]
    public void WrongInputWidthIsRejectedWithTheColumnName()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(new[] { new { Features = 1f } }.Select(x => new ScalarRow { Features = x.Features }));
        var e = Assert.Throws<ArgumentException>(() => new BatchedScoringDataView(data, new SumMapper(), 8));
        Assert.Contains("'Features'", e.Message);
    }

    private sealed class ScalarRow
    {
        public float Features { get; set; }
    }
}
