using MLNetExtensions.Reinforcement.Sequence;

namespace MLNetExtensions.Reinforcement.Addition;

/// <summary>
/// Tokens of the digit-addition task: digits 0-9 are tokens 0-9, '+' is 10, '=' is 11 and the end marker '$' is 12.
/// </summary>
public static class AdditionTokenizer
{
    /// <summary>Token of '+'.</summary>
    public const int Plus = 10;

    /// <summary>Token of '='.</summary>
    public const int EqualsSign = 11;

    /// <summary>Token that ends an answer (written '$').</summary>
    public const int End = 12;

    /// <summary>Number of tokens.</summary>
    public const int VocabularySize = 13;

    private const string Alphabet = "0123456789+=$";

    /// <summary>The same tokens as a <see cref="CharacterVocabulary"/> (end marker '$'), for <see cref="SequenceModelTransformer"/>.</summary>
    public static CharacterVocabulary Vocabulary { get; } = new(Alphabet, '$');

    /// <summary>Tokens of <paramref name="text"/> (characters of "0123456789+=$").</summary>
    /// <exception cref="ArgumentException">A character outside the alphabet, with its position.</exception>
    public static int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new int[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var token = Alphabet.IndexOf(text[i], StringComparison.Ordinal);
            if (token < 0)
                throw new ArgumentException($"Position {i}: '{text[i]}' is not a token of the addition task (allowed: {Alphabet}).", nameof(text));
            tokens[i] = token;
        }
        return tokens;
    }

    /// <summary>Text of <paramref name="tokens"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A token outside [0, 13), with its position.</exception>
    public static string Decode(IReadOnlyList<int> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var characters = new char[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i] < 0 || tokens[i] >= VocabularySize)
                throw new ArgumentOutOfRangeException(nameof(tokens), tokens[i], $"Position {i}: token {tokens[i]} is outside the vocabulary [0, {VocabularySize}).");
            characters[i] = Alphabet[tokens[i]];
        }
        return new string(characters);
    }
}
