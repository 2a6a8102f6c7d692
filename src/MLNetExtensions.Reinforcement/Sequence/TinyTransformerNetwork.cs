using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetExtensions.Reinforcement.Sequence;

/// <summary>
/// A decoder-only transformer: token + learned position embeddings, <see cref="TransformerPolicyOptions.Layers"/>
/// causal pre-norm blocks, a final layer norm and a linear head. Maps [batch, time] int64 tokens to
/// [batch, time, vocabulary] next-token logits; position t sees tokens 0..t only.
/// </summary>
public sealed class TinyTransformerNetwork : nn.Module<Tensor, Tensor>
{
    private readonly Embedding token_embedding;
    private readonly Embedding position_embedding;
    private readonly ModuleList<CausalTransformerBlock> blocks;
    private readonly LayerNorm final_norm;
    private readonly Linear head;

    /// <summary>
    /// Creates the network on <paramref name="device"/> with TorchSharp's default initialisation; the policy then calls
    /// <see cref="Initialize"/> with a generator seeded from <see cref="TransformerPolicyOptions.Seed"/>.
    /// </summary>
    internal TinyTransformerNetwork(TransformerPolicyOptions options, Device device)
        : base(nameof(TinyTransformerNetwork))
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Settings = options.Clone();
        Device = device;
        token_embedding = nn.Embedding(options.VocabularySize, options.ModelDimension, device: device);
        position_embedding = nn.Embedding(options.MaxLength, options.ModelDimension, device: device);
        blocks = new ModuleList<CausalTransformerBlock>();
        for (var layer = 0; layer < options.Layers; layer++)
            blocks.Add(new CausalTransformerBlock(options.ModelDimension, options.Heads, options.FeedForwardSize, device));
        final_norm = nn.LayerNorm(options.ModelDimension, device: device);
        head = nn.Linear(options.ModelDimension, options.VocabularySize, device: device);
        RegisterComponents();
    }

    /// <summary>The architecture and sampling settings (a copy; changing it does not change the network).</summary>
    public TransformerPolicyOptions Options => Settings.Clone();

    /// <summary>The settings the network was built with (read-only by convention; not cloned, for the hot paths).</summary>
    internal TransformerPolicyOptions Settings { get; }

    /// <summary>Where the parameters live.</summary>
    public Device Device { get; }

    /// <summary>
    /// GPT-2-style initialisation from <paramref name="generator"/>: weight matrices and embeddings N(0, 0.02), biases 0,
    /// layer-norm gains 1. Draws go through the generator (never libtorch's global one), so a seed fixes the weights.
    /// </summary>
    public void Initialize(Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        using var noGrad = no_grad();
        foreach (var (name, parameter) in named_parameters())
        {
            if (name.Contains("norm", StringComparison.Ordinal))
            {
                if (name.EndsWith("weight", StringComparison.Ordinal)) parameter.fill_(1.0);
                else parameter.zero_();
            }
            else if (name.EndsWith("bias", StringComparison.Ordinal))
                parameter.zero_();
            else
                parameter.normal_(0.0, 0.02, generator);
        }
    }

    /// <summary>Next-token logits [batch, time, vocabulary] for <paramref name="tokens"/> [batch, time] int64.</summary>
    public override Tensor forward(Tensor tokens)
    {
        long time = tokens.shape[1];
        if (time > Settings.MaxLength)
            throw new ArgumentException($"A sequence of {time} tokens exceeds MaxLength ({Settings.MaxLength}).", nameof(tokens));
        using var scope = NewDisposeScope();
        var positions = arange(time, dtype: ScalarType.Int64, device: Device);
        var x = token_embedding.call(tokens) + position_embedding.call(positions).unsqueeze(0);
        var mask = CausalMask(time);
        foreach (var block in blocks)
            x = block.call(x, mask);
        return head.call(final_norm.call(x)).MoveToOuterDisposeScope();
    }

    /// <summary>[time, time] additive mask: 0 where a position may attend (itself and earlier), -inf later.</summary>
    private Tensor CausalMask(long time) =>
        full(time, time, float.NegativeInfinity, dtype: ScalarType.Float32, device: Device).triu(1);
}
