namespace MLNetExtensions.Reinforcement.Sequence;

/// <summary>
/// Shape and sampling settings of a <see cref="TransformerSequencePolicy"/>: a small decoder-only transformer whose
/// actions are tokens. Defaults are the spec's tiny model (2 layers, d 64).
/// </summary>
public sealed class TransformerPolicyOptions
{
    /// <summary>Number of distinct tokens (input and output vocabulary). Must be at least 2.</summary>
    public int VocabularySize { get; set; }

    /// <summary>The token that ends a response; sampling stops at it and pads with it afterwards.</summary>
    public int EndToken { get; set; }

    /// <summary>Number of transformer blocks.</summary>
    public int Layers { get; set; } = 2;

    /// <summary>Width of token embeddings and of the residual stream (d_model).</summary>
    public int ModelDimension { get; set; } = 64;

    /// <summary>Attention heads per block; must divide <see cref="ModelDimension"/>.</summary>
    public int Heads { get; set; } = 4;

    /// <summary>Hidden width of each block's feed-forward network.</summary>
    public int FeedForwardSize { get; set; } = 256;

    /// <summary>Largest prompt + response length (number of learned positions).</summary>
    public int MaxLength { get; set; } = 32;

    /// <summary>Most tokens sampled per response (the end token included).</summary>
    public int MaxResponseLength { get; set; } = 8;

    /// <summary>
    /// Softmax temperature of the policy: sampling, <see cref="TransformerSequencePolicy.Score"/> and entropies all use
    /// logits / temperature, so the sampled log pi_old and the scored log pi agree.
    /// </summary>
    public double Temperature { get; set; } = 1.0;

    /// <summary>Seed of the parameter initialisation.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (VocabularySize < 2)
            throw new ArgumentOutOfRangeException(nameof(VocabularySize), VocabularySize, "VocabularySize must be at least 2.");
        if (EndToken < 0 || EndToken >= VocabularySize)
            throw new ArgumentOutOfRangeException(nameof(EndToken), EndToken, $"EndToken must be a token id in [0, {VocabularySize}).");
        if (Layers < 1)
            throw new ArgumentOutOfRangeException(nameof(Layers), Layers, "Layers must be at least 1.");
        if (ModelDimension < 1)
            throw new ArgumentOutOfRangeException(nameof(ModelDimension), ModelDimension, "ModelDimension must be positive.");
        if (Heads < 1 || ModelDimension % Heads != 0)
            throw new ArgumentOutOfRangeException(nameof(Heads), Heads, $"Heads must be positive and divide ModelDimension ({ModelDimension}).");
        if (FeedForwardSize < 1)
            throw new ArgumentOutOfRangeException(nameof(FeedForwardSize), FeedForwardSize, "FeedForwardSize must be positive.");
        if (MaxResponseLength < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxResponseLength), MaxResponseLength, "MaxResponseLength must be at least 1.");
        if (MaxLength <= MaxResponseLength)
            throw new ArgumentOutOfRangeException(nameof(MaxLength), MaxLength, $"MaxLength must exceed MaxResponseLength ({MaxResponseLength}) to leave room for a prompt.");
        if (!(Temperature > 0) || double.IsInfinity(Temperature))
            throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "Temperature must be a positive finite number.");
    }

    /// <summary>A copy (policies keep their own options).</summary>
    public TransformerPolicyOptions Clone() => (TransformerPolicyOptions)MemberwiseClone();
}
