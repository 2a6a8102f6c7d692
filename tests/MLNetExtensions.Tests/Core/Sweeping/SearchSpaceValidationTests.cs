using Microsoft.ML;
using MLNetExtensions.Sweeping;
using Xunit;

namespace MLNetExtensions.Tests.Core.Sweeping;

public class SearchSpaceValidationTests
{
    public static TheoryData<string, SearchParameter> InvalidParameters => new()
    {
        { "NoSuchField", SearchParameter.Uniform(0, 1) },      // unknown member
        { "learningRate", SearchParameter.Uniform(0, 1) },     // names are case-sensitive
        { "Optimizer", SearchParameter.Int(1, 5) },            // int into string
        { "Epochs", SearchParameter.Uniform(1, 5) },           // double into int is narrowing
        { "Mode", SearchParameter.Choice("Fast") },            // string into enum
        { "Optimizer", SearchParameter.Choice("adam", 3) },    // one bad value is enough
        { "Epochs", SearchParameter.Choice(1, null) },         // null into non-nullable int
        { "LearningRate", SearchParameter.Uniform(1, 1) },     // min == max
        { "LearningRate", SearchParameter.Uniform(2, 1) },     // min > max
        { "LearningRate", SearchParameter.Uniform(0, double.PositiveInfinity) },
        { "LearningRate", SearchParameter.LogUniform(0, 1) },  // log bound not positive
        { "LearningRate", SearchParameter.LogUniform(-1, 1) },
        { "Epochs", SearchParameter.Int(5, 5) },
        { "Epochs", SearchParameter.Int(0, 10, logScale: true) },
        { "Optimizer", SearchParameter.Choice() },             // empty choice
        { "Fixed", SearchParameter.Int(1, 2) },                // readonly field
        { "Computed", SearchParameter.Int(1, 2) },             // getter-only property
    };

    [Theory]
    [MemberData(nameof(InvalidParameters))]
    public void AddOnBoundSpaceRejectsWithParameterAndTypeInMessage(string name, SearchParameter parameter)
    {
        var space = SearchSpace.For<TestOptions>();

        var error = Assert.ThrowsAny<ArgumentException>(() => space.Add(name, parameter));

        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("TestOptions", error.Message, StringComparison.Ordinal);
        Assert.Empty(space);
    }

    [Theory]
    [MemberData(nameof(InvalidParameters))]
    public void ValidateOnUseRejectsWithParameterAndTypeInMessage(string name, SearchParameter parameter)
    {
        var space = new SearchSpace();
        try
        {
            space.Add(name, parameter); // only bound errors are visible before the options type is known
        }
        catch (ArgumentException error)
        {
            Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
            return;
        }

        var deferred = Assert.ThrowsAny<ArgumentException>(() => space.Validate(typeof(TestOptions)));
        Assert.Contains($"'{name}'", deferred.Message, StringComparison.Ordinal);
        Assert.Contains("TestOptions", deferred.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnboundSpaceRejectsBadBoundsOnAdd()
    {
        var error = Assert.Throws<ArgumentException>(() => new SearchSpace().Add("LearningRate", SearchParameter.LogUniform(0, 1)));
        Assert.Contains("'LearningRate'", error.Message, StringComparison.Ordinal);
        Assert.Contains("positive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SweepRejectsUnknownMemberBeforeTraining()
    {
        var ml = new MLContext(seed: 1);
        var data = SweepTestData.SmallLabelData(ml);
        int factoryCalls = 0;

        var error = Assert.Throws<ArgumentException>(() => OptionsSweeper.Run(
            ml,
            (ctx, o) => { factoryCalls++; return ctx.Transforms.CopyColumns(o.OutputColumnName, "Label"); },
            new CopyOptions(),
            new SearchSpace().Add("Missing", SearchParameter.Int(1, 3)),
            new GridTuner(),
            data,
            data,
            [SweepObjective.FromParameters("Zero", ObjectiveDirection.Minimize, _ => 0)]));

        Assert.Contains("'Missing'", error.Message, StringComparison.Ordinal);
        Assert.Contains("CopyOptions", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, factoryCalls);
    }

    [Fact]
    public void AcceptsWideningAndNullableConversions()
    {
        var space = SearchSpace.For<TestOptions>()
            .Add("LearningRate", SearchParameter.LogUniform(1e-4, 1e-1))
            .Add("Momentum", SearchParameter.Uniform(0, 1))           // double -> float
            .Add("Decay", SearchParameter.Choice(null, 0.1, 0.01f))   // null, double and float -> float?
            .Add("Epochs", SearchParameter.Int(5, 50))
            .Add("BatchSize", SearchParameter.Int(8, 512, logScale: true)) // int -> long
            .Add("Dropout", SearchParameter.Choice(0, 0.5))           // int and double -> double property
            .Add("Mode", SearchParameter.Choice(TestMode.Fast, TestMode.Careful))
            .Add("Layers", SearchParameter.Choice(new[] { 8 }, new[] { 16, 16 }));

        Assert.Equal(8, space.Count);
    }

    [Fact]
    public void InheritedMembersAreFound()
    {
        var space = SearchSpace.For<DerivedTestOptions>()
            .Add("Extra", SearchParameter.Uniform(0, 1))
            .Add("Epochs", SearchParameter.Int(1, 3));

        Assert.Equal(["Extra", "Epochs"], space.Names);
    }

    [Fact]
    public void DuplicateNameIsRejected()
    {
        var space = new SearchSpace().Add("Epochs", SearchParameter.Int(1, 3));

        var error = Assert.Throws<ArgumentException>(() => space.Add("Epochs", SearchParameter.Int(1, 5)));
        Assert.Contains("'Epochs'", error.Message, StringComparison.Ordinal);
    }
}
