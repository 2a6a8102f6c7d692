using System.Text;
using MLNetExtensions.Data.Csv;
using Xunit;

namespace MLNetExtensions.Tests.Core.Data.Csv;

public class CsvTableReaderTests
{
    private static CsvTableReader Open(string text, char separator = ',') =>
        new(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.csv", separator);

    [Fact]
    public void ParsesRequestedColumnsOfEachKind()
    {
        using var reader = Open("\uFEFFid,prob,label,group\r\n1,0.25,true,a\r\n2,1e-1,0,b\r\n\r\n3,1,FALSE,a\r\n");
        Assert.Equal(new[] { "id", "prob", "label", "group" }, reader.Header);
        var blocks = reader.Read(new[] { ("group", CsvColumnKind.Category), ("prob", CsvColumnKind.Number), ("label", CsvColumnKind.Boolean) },
            out var categories, blockRows: 2).Select(b => (b.FirstRow, b.Count, Group: b.Categories[0][..b.Count].ToArray(),
                Prob: b.Numbers[1][..b.Count].ToArray(), Label: b.Numbers[2][..b.Count].ToArray())).ToList();
        Assert.Equal(2, blocks.Count);
        Assert.Equal((0L, 2), (blocks[0].FirstRow, blocks[0].Count));
        Assert.Equal((2L, 1), (blocks[1].FirstRow, blocks[1].Count));
        Assert.Equal(new[] { 0.25, 0.1 }, blocks[0].Prob);
        Assert.Equal(new[] { 1.0, 0.0 }, blocks[0].Label);
        Assert.Equal(new[] { 0.0 }, blocks[1].Label);
        Assert.Equal(new[] { 0, 1 }, blocks[0].Group);
        Assert.Equal(new[] { 0 }, blocks[1].Group);
        Assert.Equal(new[] { "a", "b" }, categories[0]);
    }

    [Fact]
    public void HandlesQuotedFieldsWithSeparatorsNewlinesAndEscapedQuotes()
    {
        using var reader = Open("name,score\n\"Smith, \"\"J\"\"\",0.5\n\"two\nlines\", 0.75 \n");
        var rows = new List<(int, double)>();
        foreach (var b in reader.Read(new[] { ("name", CsvColumnKind.Category), ("score", CsvColumnKind.Number) }, out var names))
        {
            for (int i = 0; i < b.Count; i++) rows.Add((b.Categories[0][i], b.Numbers[1][i]));
            Assert.Equal(new[] { "Smith, \"J\"", "two\nlines" }, names[0]);
        }
        Assert.Equal(new[] { (0, 0.5), (1, 0.75) }, rows);
    }

    [Fact]
    public void StreamsFilesLargerThanItsBufferAndRecordsLongerThanIt()
    {
        var text = new StringBuilder("x,y,note\n");
        double expected = 0;
        for (int i = 0; i < 150_000; i++)
        {
            float x = i % 1000 / 1000f;
            expected += x;
            // One record longer than the 1 MiB buffer forces it to grow.
            text.Append(x.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append(",1,")
                .Append(i == 70_000 ? new string('z', 1_500_000) : "n").Append('\n');
        }
        using var reader = Open(text.ToString());
        double sum = 0;
        long rows = 0;
        foreach (var b in reader.Read(new[] { ("x", CsvColumnKind.Number) }, out _, blockRows: 4096))
        {
            for (int i = 0; i < b.Count; i++) sum += b.Numbers[0][i];
            rows += b.Count;
        }
        Assert.Equal(150_000, rows);
        Assert.Equal(expected, sum, 1e-3);
    }

    [Fact]
    public void ErrorsNameTheColumnAndTheLine()
    {
        using (var reader = Open("a,b\n1,2\n"))
        {
            var e = Assert.Throws<CsvFormatException>(() => reader.Read(new[] { ("c", CsvColumnKind.Number) }, out _).ToList());
            Assert.Contains("'c'", e.Message);
            Assert.Contains("'a', 'b'", e.Message);
        }
        using (var reader = Open("a,b\n1,2\n3,oops\n"))
        {
            var e = Assert.Throws<CsvFormatException>(() => reader.Read(new[] { ("b", CsvColumnKind.Number) }, out _).ToList());
            Assert.Equal("b", e.ColumnName);
            Assert.Equal(3, e.Line);
            Assert.Contains("'oops'", e.Message);
        }
        using (var reader = Open("a,b\n1,2\n3\n"))
        {
            var e = Assert.Throws<CsvFormatException>(() => reader.Read(new[] { ("b", CsvColumnKind.Number) }, out _).ToList());
            Assert.Equal(3, e.Line);
            Assert.Contains("missing", e.Message);
        }
        using (var reader = Open("a,label\n1,2\n"))
        {
            var e = Assert.Throws<CsvFormatException>(() => reader.Read(new[] { ("label", CsvColumnKind.Boolean) }, out _).ToList());
            Assert.Contains("0/1 or true/false", e.Message);
        }
        Assert.Throws<CsvFormatException>(() => Open(""));
    }

    [Fact]
    public void AColumnRequestedTwiceIsAClearError()
    {
        using var reader = Open("a,b\n1,2\n");
        var e = Assert.Throws<ArgumentException>(() => reader.Read(new[] { ("b", CsvColumnKind.Number), ("b", CsvColumnKind.Number) }, out _));
        Assert.Contains("'b'", e.Message);
        Assert.Contains("requested 2 times", e.Message);
    }

    [Fact]
    public void OtherSeparatorsWork()
    {
        using var reader = Open("a;b\n1;2\n", ';');
        var block = reader.Read(new[] { ("b", CsvColumnKind.Number) }, out _).Single();
        Assert.Equal(2.0, block.Numbers[0][0]);
    }
}
