using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetExtensions.Reinforcement.Policies;

/// <summary>
/// A contextual softmax policy with one trainable logit per (context, action): pi(a | s) = softmax(logits[s])_a.
/// The prompt is the context index. Used for the bandit trap.
/// </summary>
public sealed class TabularSoftmaxPolicy : IGroupPolicy<int>, IDisposable
{
    private readonly LogitTable _table;

    /// <summary>Creates the policy from initial logits, row-major [contexts x actions].</summary>
    public TabularSoftmaxPolicy(int contexts, int actions, IReadOnlyList<float> initialLogits)
    {
        if (contexts < 1) throw new ArgumentOutOfRangeException(nameof(contexts), contexts, "At least one context is needed.");
        if (actions < 2) throw new ArgumentOutOfRangeException(nameof(actions), actions, "A policy needs at least two actions.");
        ArgumentNullException.ThrowIfNull(initialLogits);
        if (initialLogits.Count != contexts * actions)
            throw new ArgumentException($"Expected {contexts} x {actions} = {contexts * actions} logits, got {initialLogits.Count}.", nameof(initialLogits));
        if (initialLogits.Any(v => !float.IsFinite(v)))
            throw new ArgumentException("Initial logits must be finite.", nameof(initialLogits));
        ContextCount = contexts;
        VocabularySize = actions;
        _table = new LogitTable(MLNetExtensions.Torch.TensorCopy.FromSpan(initialLogits.ToArray(), new long[] { contexts, actions }, CPU));
    }

    /// <summary>Number of contexts.</summary>
    public int ContextCount { get; }

    /// <inheritdoc />
    public nn.Module Module => _table;

    /// <inheritdoc />
    public int VocabularySize { get; }

    /// <summary>The current action probabilities, row-major [contexts x actions].</summary>
    public float[] Probabilities()
    {
        using var noGrad = no_grad();
        using var p = _table.Logits.softmax(1).cpu().contiguous();
        return p.data<float>().ToArray();
    }

    /// <inheritdoc />
    public PolicyRollout Sample(IReadOnlyList<int> prompts, int groupSize, Generator generator)
    {
        // No dispose scope here: the rollout's tensors must outlive this call.
        using var noGrad = no_grad();
        using var index = Index(prompts);
        using var logits = _table.Logits.index_select(0, index);
        return OneStepSoftmax.Sample(logits, groupSize, generator);
    }

    /// <inheritdoc />
    public (Tensor LogProbabilities, Tensor Entropy) Score(IReadOnlyList<int> prompts, Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var (logp, entropy) = OneStepSoftmax.Score(_table.Logits.index_select(0, Index(prompts)), tokens);
        return (logp.MoveToOuterDisposeScope(), entropy.MoveToOuterDisposeScope());
    }

    private Tensor Index(IReadOnlyList<int> prompts)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        var index = new long[prompts.Count];
        for (int i = 0; i < index.Length; i++)
        {
            if ((uint)prompts[i] >= (uint)ContextCount)
                throw new ArgumentOutOfRangeException(nameof(prompts), prompts[i], $"Context {prompts[i]} (prompt {i}) is outside 0..{ContextCount - 1}.");
            index[i] = prompts[i];
        }
        return tensor(index, device: _table.Logits.device);
    }

    /// <inheritdoc />
    public void Dispose() => _table.Dispose();

    private sealed class LogitTable : nn.Module
    {
        public LogitTable(Tensor logits) : base(nameof(TabularSoftmaxPolicy))
        {
            Logits = new Parameter(logits);
            register_parameter("logits", Logits);
        }

        public Parameter Logits { get; }
    }
}
