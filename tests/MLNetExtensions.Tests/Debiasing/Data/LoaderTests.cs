using MLNetExtensions.Data;
using MLNetExtensions.Debiasing.Data;
using Xunit;

namespace MLNetExtensions.Tests.Debiasing.Data;

public sealed class LoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlnetx-debias-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void CoatFormatReadsNonZeroCellsUserByUser()
    {
        Write("train.ascii", "0 5 0\n3 0 1\n");
        Write("test.ascii", "2 0 0\n0 0 4\n");
        Write("propensities.ascii", "0.1 0.2 0.3\n0.4 0.5 0.6\n");
        Write("user_features.ascii", "1 0\n0 1\n");
        var coat = CoatLoader.Load(_folder);
        Assert.Equal(2, coat.UserCount);
        Assert.Equal(3, coat.ItemCount);
        Assert.Equal(new[] { 0, 1, 1 }, coat.Train.Users.ToArray());
        Assert.Equal(new[] { 1, 0, 2 }, coat.Train.Items.ToArray());
        Assert.Equal(new[] { 5f, 3f, 1f }, coat.Train.Labels.ToArray());
        Assert.Equal(2, coat.Test.Count);
        Assert.Equal(0.6, coat.Propensity(1, 2));
        Assert.Equal(2, coat.UserFeatures.Count);
        Assert.Empty(coat.ItemFeatures);
    }

    [Fact]
    public void CoatFormatRejectsRaggedRowsAndShapeMismatch()
    {
        Write("train.ascii", "0 5 0\n3 0\n");
        Write("test.ascii", "2 0 0\n0 0 4\n");
        var ragged = Assert.Throws<DataValidationException>(() => CoatLoader.Load(_folder));
        Assert.Contains("line 2", ragged.Message);
        Write("train.ascii", "0 5 0\n3 0 1\n");
        Write("test.ascii", "2 0\n0 4\n");
        Assert.Contains("expected 2 x 3", Assert.Throws<DataValidationException>(() => CoatLoader.Load(_folder)).Message);
        Write("test.ascii", "2 0 x\n0 0 4\n");
        Assert.Contains("'x'", Assert.Throws<DataValidationException>(() => CoatLoader.Load(_folder)).Message);
    }

    [CoatFact]
    public void CoatHasTheDocumentedShape()
    {
        var coat = CoatLoader.Load(CoatFactAttribute.Folder!);
        Assert.Equal(290, coat.UserCount);
        Assert.Equal(300, coat.ItemCount);
        Assert.Equal(6960, coat.Train.Count);
        Assert.Equal(4640, coat.Test.Count);
        Assert.All(coat.Train.Users.ToArray().GroupBy(u => u), g => Assert.Equal(24, g.Count()));
        Assert.All(coat.Test.Users.ToArray().GroupBy(u => u), g => Assert.Equal(16, g.Count()));
        Assert.True(coat.HasPropensities);
        Assert.Equal(290, coat.UserFeatures.Count);
        Assert.Equal(300, coat.ItemFeatures.Count);
        // Ratings are 1..5 stars, so the default rule binarises every row without error.
        var train = coat.Train.Binarize(RatingBinarization.AtLeastThree);
        Assert.InRange(train.Labels.ToArray().Average(), 0.3, 0.8);
    }

    [Fact]
    public void YahooFormatIsOneBasedAndTrainTestShareCounts()
    {
        var train = Write("train.txt", "1\t1\t5\n2\t3\t1\n");
        var test = Write("test.txt", "3 2 4\n\n");
        var (tr, te) = YahooR3Loader.LoadPair(train, test);
        Assert.Equal(3, tr.UserCount);
        Assert.Equal(3, tr.ItemCount);
        Assert.Equal(3, te.UserCount);
        Assert.Equal(new[] { 0, 1 }, tr.Users.ToArray());
        Assert.Equal(new[] { 0, 2 }, tr.Items.ToArray());
        Assert.Equal(new[] { 2 }, te.Users.ToArray());
        Assert.Equal(new[] { 4f }, te.Labels.ToArray());
        Assert.Equal(10, YahooR3Loader.Load(train, userCount: 10, itemCount: 3).UserCount);
    }

    [Fact]
    public void YahooFormatRejectsZeroIdsBadFieldsAndIdsAboveTheCount()
    {
        var zero = Write("zero.txt", "1 1 5\n0 2 3\n");
        var e = Assert.Throws<DataValidationException>(() => YahooR3Loader.Load(zero));
        Assert.Equal("UserId", e.ColumnName);
        Assert.Equal(1, e.Row);
        Assert.Contains("1-based", e.Message);
        var fields = Write("fields.txt", "1 1\n");
        Assert.Contains("2 fields", Assert.Throws<DataValidationException>(() => YahooR3Loader.Load(fields)).Message);
        var big = Write("big.txt", "1 7 5\n");
        var above = Assert.Throws<DataValidationException>(() => YahooR3Loader.Load(big, 5, 5));
        Assert.Equal("ItemId", above.ColumnName);
    }

    [Fact]
    public void DataDirectoryIsFoundNextToTheSolutionOrThroughTheVariable()
    {
        var nested = Directory.CreateDirectory(Path.Combine(_folder, "repo", "bin", "Release"));
        File.WriteAllText(Path.Combine(_folder, "repo", "MLNetExtensions.sln"), "");
        var resolved = ReferenceDataDirectory.Resolve(nested.FullName);
        var configured = Environment.GetEnvironmentVariable(ReferenceDataDirectory.EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(configured))
            Assert.Equal(Path.GetFullPath(Path.Combine(_folder, "shared", "data")), resolved);
        else
            Assert.Equal(Path.GetFullPath(configured), resolved);
        // A data set that is not there gives null and a reason naming the variable.
        Assert.Null(ReferenceDataDirectory.Find("no-such-set", "x.txt", out var reason, nested.FullName));
        Assert.Contains(ReferenceDataDirectory.EnvironmentVariable, reason);
    }
}
