using MLNetExtensions.Sweeping;
using Xunit;

namespace MLNetExtensions.Tests.Core.Sweeping;

public class SearchSpaceApplyTests
{
    private static readonly SearchSpace Space = SearchSpace.For<TestOptions>()
        .Add("Momentum", SearchParameter.Uniform(0, 1))
        .Add("Decay", SearchParameter.Choice(null, 0.1))
        .Add("BatchSize", SearchParameter.Int(8, 512))
        .Add("Mode", SearchParameter.Choice(TestMode.Fast, TestMode.Careful))
        .Add("Layers", SearchParameter.Choice(new[] { 8 }, new[] { 16, 16 }))
        .Add("Dropout", SearchParameter.Uniform(0, 0.9))
        .Add("Positive", SearchParameter.Int(-5, 5));

    [Fact]
    public void ReturnsConvertedCopyAndLeavesBaseUntouched()
    {
        var baseOptions = new TestOptions { Epochs = 7 };
        var values = new ParameterSet([
            new("Momentum", 0.25),
            new("Decay", 0.1),
            new("BatchSize", 64),
            new("Mode", TestMode.Careful),
            new("Layers", new[] { 16, 16 }),
            new("Dropout", 0.5),
        ]);

        var copy = Space.Apply(baseOptions, values);

        Assert.NotSame(baseOptions, copy);
        Assert.Equal(0.25f, copy.Momentum);
        Assert.Equal(0.1f, copy.Decay);
        Assert.Equal(64L, copy.BatchSize);
        Assert.Equal(TestMode.Careful, copy.Mode);
        Assert.Equal([16, 16], copy.Layers);
        Assert.Equal(0.5, copy.Dropout);
        Assert.Equal(7, copy.Epochs); // not swept: copied from the base

        Assert.Equal(0.5f, baseOptions.Momentum);
        Assert.Null(baseOptions.Decay);
        Assert.Equal(32L, baseOptions.BatchSize);
        Assert.Equal(TestMode.Fast, baseOptions.Mode);
        Assert.Equal([16], baseOptions.Layers);
        Assert.Equal(0.2, baseOptions.Dropout);
    }

    [Fact]
    public void KeepsRuntimeTypeOfDerivedOptions()
    {
        var space = SearchSpace.For<DerivedTestOptions>().Add("Extra", SearchParameter.Uniform(0, 10));
        TestOptions baseOptions = new DerivedTestOptions { Epochs = 3 };

        var copy = space.Apply(baseOptions, new ParameterSet([new("Extra", 4.0)]));

        var derived = Assert.IsType<DerivedTestOptions>(copy);
        Assert.Equal(4.0, derived.Extra);
        Assert.Equal(3, derived.Epochs);
    }

    [Fact]
    public void RejectsValueNotInSpaceOrOfWrongType()
    {
        var unknown = Assert.Throws<ArgumentException>(() => Space.Apply(new TestOptions(), new ParameterSet([new("Epochs", 3)])));
        Assert.Contains("'Epochs'", unknown.Message, StringComparison.Ordinal);

        var wrongType = Assert.Throws<ArgumentException>(() => Space.Apply(new TestOptions(), new ParameterSet([new("BatchSize", "big")])));
        Assert.Contains("'BatchSize'", wrongType.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetterExceptionsSurfaceUnwrapped()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Space.Apply(new TestOptions(), new ParameterSet([new("Positive", -1)])));
    }

    [Fact]
    public void ParameterSetReadsLikeADictionary()
    {
        var values = new ParameterSet([new("LearningRate", 0.001), new("Layers", new[] { 8, 4 }), new("Decay", null), new("Mode", TestMode.Careful)]);

        Assert.Equal("LearningRate=0.001, Layers=[8, 4], Decay=null, Mode=Careful", values.ToString());
        Assert.Equal(0.001, values["LearningRate"]);
        Assert.Equal(["LearningRate", "Layers", "Decay", "Mode"], values.Keys);
        Assert.Throws<ArgumentException>(() => new ParameterSet([new("A", 1), new("A", 2)]));
    }
}
