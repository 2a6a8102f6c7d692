using MLNetExtensions.Reinforcement.Addition;
using Xunit;

namespace MLNetExtensions.Tests.Reinforcement.Addition;

public class AdditionTaskTests
{
    [Fact]
    public void TokenizerRoundTripsEveryCharacter()
    {
        const string text = "0123456789+=$97+05=201$";
        var tokens = AdditionTokenizer.Encode(text);
        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, tokens[..13]);
        Assert.Equal(text, AdditionTokenizer.Decode(tokens));
        Assert.Contains("Position 2: 'x'", Assert.Throws<ArgumentException>(() => AdditionTokenizer.Encode("12x")).Message);
        Assert.Contains("Position 1: token 13", Assert.Throws<ArgumentOutOfRangeException>(() => AdditionTokenizer.Decode(new[] { 1, 13 })).Message);
    }

    [Fact]
    public void ProblemsAreAPlusBEqualsWithTheSumReversed()
    {
        var task = new AdditionTask(new AdditionTaskOptions { Digits = 2 });
        Assert.Equal("07+35=24$", task.Create(7, 35).ToString());
        Assert.Equal("99+99=891$", task.Create(99, 99).ToString());
        Assert.Equal("00+00=0$", task.Create(0, 0).ToString());
        var unpadded = new AdditionTask(new AdditionTaskOptions { Digits = 2, PadOperands = false });
        Assert.Equal("7+35=24$", unpadded.Create(7, 35).ToString());
        Assert.Equal(42, AdditionTask.ParsePrompt(unpadded.Create(7, 35).Prompt));
        Assert.Throws<ArgumentOutOfRangeException>(() => task.Create(100, 1));
        Assert.Equal(10_000, task.ProblemCount);
        Assert.Equal(6, task.MaxPromptLength);
        Assert.Equal(4, task.MaxAnswerLength);
    }

    [Fact]
    public void SplitIsDisjointAndSeeded()
    {
        var task = new AdditionTask(new AdditionTaskOptions { Digits = 1 });
        var (training, test) = task.Split(20, seed: 3);
        Assert.Equal(80, training.Count);
        Assert.Equal(20, test.Count);
        Assert.Empty(training.Select(p => p.ToString()).Intersect(test.Select(p => p.ToString())));
        Assert.Equal(test.Select(p => p.ToString()), task.Split(20, seed: 3).Test.Select(p => p.ToString()));
        Assert.Equal(task.Generate(5, 8).Select(p => p.ToString()), task.Generate(5, 8).Select(p => p.ToString()));
    }

    [Fact]
    public void ExactMatchRewardIsOneOnlyForTheExactAnswer()
    {
        var reward = AdditionTask.ExactMatchReward();
        var prompt = AdditionTokenizer.Encode("07+35=");
        Assert.Equal(1.0, reward(prompt, AdditionTokenizer.Encode("24$")));
        Assert.Equal(0.0, reward(prompt, AdditionTokenizer.Encode("24")));   // cut off before the end token
        Assert.Equal(0.0, reward(prompt, AdditionTokenizer.Encode("42$")));  // not reversed
        Assert.Equal(0.0, reward(prompt, AdditionTokenizer.Encode("240$"))); // a trailing zero is a different answer
        Assert.Throws<ArgumentException>(() => reward(AdditionTokenizer.Encode("07+="), AdditionTokenizer.Encode("7$")));
        Assert.Throws<ArgumentException>(() => reward(AdditionTokenizer.Encode("0735="), AdditionTokenizer.Encode("7$")));
    }

    /// <summary>
    /// Golden values from the closed form 1 - C(n-c, k) / C(n, k) with Python's math.comb (Debian /usr/bin/python3, run
    /// by hand): (16,3,8) 0.9; (16,1,8) 0.5; (20,2,8) 0.6526315789473685; (10,2,3) 0.5333333333333333; (10,1,1) 0.1;
    /// (16,0,8) 0; (10,5,8) 1 (n - c &lt; k).
    /// </summary>
    [Theory]
    [InlineData(16, 3, 8, 0.9)]
    [InlineData(16, 1, 8, 0.5)]
    [InlineData(20, 2, 8, 0.6526315789473685)]
    [InlineData(10, 2, 3, 0.5333333333333333)]
    [InlineData(10, 1, 1, 0.1)]
    [InlineData(16, 0, 8, 0.0)]
    [InlineData(10, 5, 8, 1.0)]
    public void PassAtKMatchesTheClosedForm(int n, int c, int k, double expected)
    {
        Assert.Equal(expected, PassAtK.Estimate(n, c, k), 12);
    }

    [Fact]
    public void PassAtKRejectsImpossibleCounts()
    {
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => PassAtK.Estimate(4, 1, 8)).ParamName);
        Assert.Equal("correct", Assert.Throws<ArgumentOutOfRangeException>(() => PassAtK.Estimate(4, 5, 1)).ParamName);
        Assert.Equal("samples", Assert.Throws<ArgumentOutOfRangeException>(() => PassAtK.Estimate(0, 0, 1)).ParamName);
    }
}
