namespace MLNetExtensions.Reinforcement.Addition;

/// <summary>One addition problem: the prompt "a+b=" and the answer, the sum's digits reversed then the end token.</summary>
/// <param name="A">First operand.</param>
/// <param name="B">Second operand.</param>
/// <param name="Prompt">Prompt tokens.</param>
/// <param name="Answer">Answer tokens (least significant digit first, then <see cref="AdditionTokenizer.End"/>).</param>
public sealed record AdditionProblem(int A, int B, int[] Prompt, int[] Answer)
{
    /// <summary>a + b.</summary>
    public int Sum => A + B;

    /// <summary>The problem as text, e.g. "07+35=24$" for 7 + 35 = 42 with padded operands.</summary>
    public override string ToString() => AdditionTokenizer.Decode(Prompt) + AdditionTokenizer.Decode(Answer);
}
