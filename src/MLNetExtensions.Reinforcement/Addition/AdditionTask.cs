using System.Globalization;
using MLNetExtensions.Reinforcement.Policies;
using MLNetExtensions.Reinforcement.Sequence;

namespace MLNetExtensions.Reinforcement.Addition;

/// <summary>
/// Digit addition as a sequence task: prompts "a+b=", answers the sum's digits reversed (least significant first, the
/// order in which carries are produced) followed by the end token. Generates problems, splits them, and scores answers
/// with a 0/1 exact-match reward.
/// </summary>
public sealed class AdditionTask
{
    private readonly AdditionTaskOptions _options;

    /// <summary>Creates the task.</summary>
    public AdditionTask(AdditionTaskOptions? options = null)
    {
        _options = options ?? new AdditionTaskOptions();
        _options.Validate();
    }

    /// <summary>Digits per operand.</summary>
    public int Digits => _options.Digits;

    /// <summary>Longest prompt: two operands, '+' and '='.</summary>
    public int MaxPromptLength => 2 * Digits + 2;

    /// <summary>Longest answer: the sum's Digits + 1 digits and the end token.</summary>
    public int MaxAnswerLength => Digits + 2;

    /// <summary>Number of distinct problems (10^Digits squared).</summary>
    public int ProblemCount => checked(Limit * Limit);

    private int Limit => (int)Math.Pow(10, Digits);

    /// <summary>The problem a + b.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An operand outside [0, 10^Digits).</exception>
    public AdditionProblem Create(int a, int b)
    {
        if (a < 0 || a >= Limit) throw new ArgumentOutOfRangeException(nameof(a), a, $"Operands must be in [0, {Limit}).");
        if (b < 0 || b >= Limit) throw new ArgumentOutOfRangeException(nameof(b), b, $"Operands must be in [0, {Limit}).");
        var format = _options.PadOperands ? "D" + Digits.ToString(CultureInfo.InvariantCulture) : "D";
        var prompt = AdditionTokenizer.Encode(
            a.ToString(format, CultureInfo.InvariantCulture) + "+" + b.ToString(format, CultureInfo.InvariantCulture) + "=");
        return new AdditionProblem(a, b, prompt, AnswerTokens(a + b));
    }

    /// <summary>Every problem, in order of (a, b).</summary>
    public IReadOnlyList<AdditionProblem> AllProblems()
    {
        var problems = new List<AdditionProblem>(ProblemCount);
        for (var a = 0; a < Limit; a++)
            for (var b = 0; b < Limit; b++)
                problems.Add(Create(a, b));
        return problems;
    }

    /// <summary>
    /// A seeded split of all problems into disjoint training and test sets (the test set has
    /// <paramref name="testCount"/> problems).
    /// </summary>
    public (IReadOnlyList<AdditionProblem> Training, IReadOnlyList<AdditionProblem> Test) Split(int testCount, int seed)
    {
        if (testCount < 1 || testCount >= ProblemCount)
            throw new ArgumentOutOfRangeException(nameof(testCount), testCount, $"testCount must be in [1, {ProblemCount}).");
        var problems = AllProblems().ToArray();
        new Random(seed).Shuffle(problems);
        return (problems[testCount..], problems[..testCount]);
    }

    /// <summary><paramref name="count"/> problems with operands drawn uniformly (with replacement) from a seeded generator.</summary>
    public IReadOnlyList<AdditionProblem> Generate(int count, int seed)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be at least 1.");
        var random = new Random(seed);
        var problems = new AdditionProblem[count];
        for (var i = 0; i < count; i++)
            problems[i] = Create(random.Next(Limit), random.Next(Limit));
        return problems;
    }

    /// <summary>
    /// The 0/1 exact-match reward: 1 when the response is exactly the reversed sum followed by the end token, else 0
    /// (a response cut off before the end token scores 0). The prompt is parsed, so any "a+b=" prompt works.
    /// </summary>
    public static RewardFunction<IReadOnlyList<int>> ExactMatchReward() => (prompt, response) =>
    {
        var expected = AnswerTokens(ParsePrompt(prompt));
        if (response.Count != expected.Length) return 0.0;
        for (var t = 0; t < expected.Length; t++)
            if (response[t] != expected[t]) return 0.0;
        return 1.0;
    };

    /// <summary>Policy settings that fit this task (vocabulary, end token, lengths) with the spec's tiny architecture.</summary>
    public TransformerPolicyOptions PolicyOptions(int seed = 1) => new()
    {
        VocabularySize = AdditionTokenizer.VocabularySize,
        EndToken = AdditionTokenizer.End,
        MaxResponseLength = MaxAnswerLength,
        MaxLength = MaxPromptLength + MaxAnswerLength,
        Seed = seed,
    };

    /// <summary>The sum of a prompt "a+b=".</summary>
    /// <exception cref="ArgumentException">The prompt is not digits, '+', digits, '='.</exception>
    public static int ParsePrompt(IReadOnlyList<int> prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var plus = -1;
        for (var t = 0; t < prompt.Count; t++)
            if (prompt[t] == AdditionTokenizer.Plus) { plus = t; break; }
        if (plus < 1 || prompt.Count < plus + 3 || prompt[^1] != AdditionTokenizer.EqualsSign)
            throw new ArgumentException($"The prompt '{SafeText(prompt)}' is not of the form a+b=.", nameof(prompt));
        return ParseNumber(prompt, 0, plus) + ParseNumber(prompt, plus + 1, prompt.Count - 1);
    }

    /// <summary>Answer tokens of a sum: its digits, least significant first, then the end token.</summary>
    public static int[] AnswerTokens(int sum)
    {
        if (sum < 0) throw new ArgumentOutOfRangeException(nameof(sum), sum, "The sum must be non-negative.");
        var digits = sum.ToString(CultureInfo.InvariantCulture);
        var answer = new int[digits.Length + 1];
        for (var i = 0; i < digits.Length; i++) answer[i] = digits[digits.Length - 1 - i] - '0';
        answer[^1] = AdditionTokenizer.End;
        return answer;
    }

    private static int ParseNumber(IReadOnlyList<int> prompt, int start, int end)
    {
        if (end - start > 9)
            throw new ArgumentException($"The prompt '{SafeText(prompt)}' has an operand longer than 9 digits.", nameof(prompt));
        var value = 0;
        for (var t = start; t < end; t++)
        {
            if (prompt[t] < 0 || prompt[t] > 9)
                throw new ArgumentException($"The prompt '{SafeText(prompt)}' has a non-digit at position {t}.", nameof(prompt));
            value = value * 10 + prompt[t];
        }
        return value;
    }

    private static string SafeText(IReadOnlyList<int> tokens) =>
        string.Concat(tokens.Select(t => t is >= 0 and < AdditionTokenizer.VocabularySize ? AdditionTokenizer.Decode(new[] { t }) : $"<{t}>"));
}
