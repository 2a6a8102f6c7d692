namespace MLNetExtensions.Reinforcement.Addition;

/// <summary>Settings of the digit-addition task.</summary>
public sealed class AdditionTaskOptions
{
    /// <summary>Digits per operand: operands are drawn from [0, 10^Digits). 1 to 4.</summary>
    public int Digits { get; set; } = 2;

    /// <summary>
    /// Zero-pad both operands to <see cref="Digits"/> digits ("07+35="), so every prompt has the same length and digit
    /// i of each operand sits at a fixed position. The answer is never padded: it is the sum's digits reversed.
    /// </summary>
    public bool PadOperands { get; set; } = true;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (Digits < 1 || Digits > 4)
            throw new ArgumentOutOfRangeException(nameof(Digits), Digits, "Digits must be between 1 and 4.");
    }
}
