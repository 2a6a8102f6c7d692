using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetExtensions.Reinforcement.Sequence;

/// <summary>
/// One pre-norm decoder block: x + SelfAttention(LayerNorm(x)) under a causal mask, then x + FeedForward(LayerNorm(x)).
/// Attention is TorchSharp's <c>nn.MultiheadAttention</c>; the causal mask is passed as its additive attention mask.
/// </summary>
internal sealed class CausalTransformerBlock : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly LayerNorm attention_norm;
    private readonly MultiheadAttention attention;
    private readonly LayerNorm feed_forward_norm;
    private readonly Linear feed_forward_in;
    private readonly Linear feed_forward_out;

    /// <summary>Creates the block on <paramref name="device"/>.</summary>
    public CausalTransformerBlock(int modelDimension, int heads, int feedForwardSize, Device device)
        : base(nameof(CausalTransformerBlock))
    {
        attention_norm = nn.LayerNorm(modelDimension, device: device);
        attention = nn.MultiheadAttention(modelDimension, heads, dropout: 0.0);
        feed_forward_norm = nn.LayerNorm(modelDimension, device: device);
        feed_forward_in = nn.Linear(modelDimension, feedForwardSize, device: device);
        feed_forward_out = nn.Linear(feedForwardSize, modelDimension, device: device);
        RegisterComponents();
        attention.to(device);
    }

    /// <summary>
    /// Applies the block to <paramref name="input"/> ([batch, time, d]) with <paramref name="causalMask"/> ([time, time],
    /// 0 on and below the diagonal, -inf above).
    /// </summary>
    public override Tensor forward(Tensor input, Tensor causalMask)
    {
        using var scope = NewDisposeScope();
        var normed = attention_norm.call(input).transpose(0, 1); // MultiheadAttention is sequence-first.
        var (attended, weights) = attention.call(normed, normed, normed, null, true, causalMask);
        weights.Dispose();
        var x = input + attended.transpose(0, 1);
        var hidden = nn.functional.gelu(feed_forward_in.call(feed_forward_norm.call(x)));
        return (x + feed_forward_out.call(hidden)).MoveToOuterDisposeScope();
    }
}
