namespace MLNetExtensions.Reinforcement.Sequence;

/// <summary>
/// A character-level tokenizer: token i is the i-th character of <see cref="Characters"/>, and
/// <see cref="EndMarker"/> (one of them) is the token that ends a response. It maps text to the token lists of a
/// <see cref="TransformerSequencePolicy"/> and back, and is saved with a <see cref="SequenceModelTransformer"/>.
/// </summary>
public sealed class CharacterVocabulary
{
    private readonly Dictionary<char, int> _tokens;

    /// <summary>Creates the vocabulary.</summary>
    /// <param name="characters">The characters, in token order; at least two, all different.</param>
    /// <param name="endMarker">The character of the end token; must be in <paramref name="characters"/>.</param>
    /// <exception cref="ArgumentException">Fewer than two characters, a repeated character, or an end marker that is not one of them.</exception>
    public CharacterVocabulary(string characters, char endMarker)
    {
        ArgumentNullException.ThrowIfNull(characters);
        if (characters.Length < 2)
            throw new ArgumentException($"A vocabulary needs at least two characters (one is the end marker); got {characters.Length}.", nameof(characters));
        _tokens = new Dictionary<char, int>(characters.Length);
        for (var i = 0; i < characters.Length; i++)
            if (!_tokens.TryAdd(characters[i], i))
                throw new ArgumentException($"Character '{characters[i]}' appears at positions {_tokens[characters[i]]} and {i}; every character must be one token.", nameof(characters));
        if (!_tokens.TryGetValue(endMarker, out var end))
            throw new ArgumentException($"The end marker '{endMarker}' is not one of the characters \"{characters}\".", nameof(endMarker));
        Characters = characters;
        EndMarker = endMarker;
        EndToken = end;
    }

    /// <summary>The characters in token order.</summary>
    public string Characters { get; }

    /// <summary>The character of the end token.</summary>
    public char EndMarker { get; }

    /// <summary>The token of <see cref="EndMarker"/>.</summary>
    public int EndToken { get; }

    /// <summary>Number of tokens.</summary>
    public int Count => Characters.Length;

    /// <summary>The token of <paramref name="character"/>, or -1 when it is not in the vocabulary.</summary>
    public int TokenOf(char character) => _tokens.TryGetValue(character, out var token) ? token : -1;

    /// <summary>Tokens of <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentException">A character outside the vocabulary, with its position.</exception>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new int[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            tokens[i] = TokenOf(text[i]);
            if (tokens[i] < 0)
                throw new ArgumentException($"Position {i}: '{text[i]}' is not in the vocabulary \"{Characters}\".", nameof(text));
        }
        return tokens;
    }

    /// <summary>Text of <paramref name="tokens"/>; without the end marker unless <paramref name="keepEndMarker"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A token outside [0, <see cref="Count"/>), with its position.</exception>
    public string Decode(IReadOnlyList<int> tokens, bool keepEndMarker = true)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var characters = new System.Text.StringBuilder(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i] < 0 || tokens[i] >= Count)
                throw new ArgumentOutOfRangeException(nameof(tokens), tokens[i], $"Position {i}: token {tokens[i]} is outside the vocabulary [0, {Count}).");
            if (tokens[i] == EndToken && !keepEndMarker) continue;
            characters.Append(Characters[tokens[i]]);
        }
        return characters.ToString();
    }

    /// <summary>Throws unless this vocabulary has the policy's size and end token.</summary>
    /// <exception cref="ArgumentException">The sizes or the end tokens differ.</exception>
    public void RequireMatches(TransformerPolicyOptions policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.VocabularySize != Count)
            throw new ArgumentException($"The vocabulary has {Count} characters but the policy has {policy.VocabularySize} tokens.", "vocabulary");
        if (policy.EndToken != EndToken)
            throw new ArgumentException($"The vocabulary's end marker '{EndMarker}' is token {EndToken} but the policy's end token is {policy.EndToken}.", "vocabulary");
    }
}
