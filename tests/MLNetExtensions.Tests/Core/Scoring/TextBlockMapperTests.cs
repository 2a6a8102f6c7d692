using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Scoring;
using Xunit;

namespace MLNetExtensions.Tests.Core.Scoring;

public class TextBlockMapperTests
{
    /// <summary>Reverses a text column and appends a float input; writes its length too.</summary>
    private sealed class ReverseMapper : BlockMapper
    {
        public List<int> BlockSizes { get; } = new();
        public override IReadOnlyList<(string Name, int Width)> Inputs { get; } = new[] { ("Number", 1) };
        public override IReadOnlyList<string> TextInputs { get; } = new[] { "Text" };
        public override IReadOnlyList<ScoreColumn> Outputs { get; } = new[] { ScoreColumn.Text("Reversed"), ScoreColumn.Single("Length") };

        public override void MapBlock(BlockInputs inputs, int rows, BlockOutputs outputs)
        {
            lock (BlockSizes) BlockSizes.Add(rows);
            for (int r = 0; r < rows; r++)
            {
                var text = inputs.Texts[0][r];
                outputs.Texts[0][r] = new string(text.Reverse().ToArray()) + inputs.Values[0][r];
                outputs.Floats[1][r] = text.Length;
            }
        }
    }

    private sealed class Row
    {
        public string Text { get; set; } = "";
        public float Number { get; set; }
    }

    private sealed class Output
    {
        public string Reversed { get; set; } = "";
        public float Length { get; set; }
    }

    private static List<Row> Rows(int n) => Enumerable.Range(0, n).Select(i => new Row { Text = $"ab{i}", Number = i % 3 }).ToList();

    [Fact]
    public void TextInputsAndOutputsTravelThroughBlocksAndRows()
    {
        var ml = new MLContext(1);
        var mapper = new ReverseMapper();
        var rows = Rows(23);
        var view = new BatchedScoringDataView(ml.Data.LoadFromEnumerable(rows), mapper, blockSize: 10);
        Assert.Equal(TextDataViewType.Instance, view.Schema["Reversed"].Type);
        var reversed = view.GetColumn<string>("Reversed").ToArray();
        Assert.Equal(new[] { 10, 10, 3 }, mapper.BlockSizes); // one mapper call per block
        var lengths = view.GetColumn<float>("Length").ToArray();
        var source = view.GetColumn<string>("Text").ToArray(); // pass-through survives read-ahead
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(new string(rows[i].Text.Reverse().ToArray()) + rows[i].Number, reversed[i]);
            Assert.Equal(rows[i].Text.Length, lengths[i]);
            Assert.Equal(rows[i].Text, source[i]);
        }

        var rowMapper = new BlockRowToRowMapper(SchemaDefinitionOf(ml), mapper);
        Assert.Contains(rowMapper.GetDependencies(new[] { rowMapper.OutputSchema["Reversed"] }), c => c.Name == "Text");
    }

    [Fact]
    public void PredictionEngineReadsTextOutputs()
    {
        var ml = new MLContext(1);
        var transformer = new ReverseTransformer();
        var engine = ml.Model.CreatePredictionEngine<Row, Output>(transformer);
        var first = engine.Predict(new Row { Text = "xyz", Number = 2 });
        var second = engine.Predict(new Row { Text = "hello", Number = 1 });
        Assert.Equal("zyx2", first.Reversed);
        Assert.Equal(3f, first.Length);
        Assert.Equal("olleh1", second.Reversed);
    }

    [Fact]
    public void ANonTextInputColumnIsRejectedByName()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(new[] { new { Text = 1f, Number = 2f } });
        var e = Assert.Throws<ArgumentException>(() => new BatchedScoringDataView(data, new ReverseMapper(), 4));
        Assert.Contains("'Text'", e.Message);
        Assert.Contains("text column", e.Message);
    }

    private static DataViewSchema SchemaDefinitionOf(MLContext ml) => ml.Data.LoadFromEnumerable(Rows(1)).Schema;

    private sealed class ReverseTransformer : BlockMappedTransformer
    {
        public override string ComponentKind => "Tests.Reverse";
        public override int ComponentVersion => 1;
        protected override int ScoringBatchSize => 4;
        protected override BlockMapper CreateMapper() => new ReverseMapper();
        public override void SaveComponent(MLNetExtensions.Persistence.ComponentWriter writer) => throw new NotSupportedException();
    }
}
