using TorchSharp;
using TorchSharp.Modules;
using MLNetExtensions.Torch;
using static TorchSharp.torch;

namespace MLNetExtensions.Fairness.Online;

/// <summary>
/// A forest of T soft oblique binary trees of depth h (Aranyani's model). Internal node i of tree t routes left with
/// probability n_ti(x) = sigmoid(w_ti^T x + b_ti); a leaf's probability is the product over its ancestors of n (when
/// the path goes left) or 1 - n (right); a tree outputs sum_l p_l(x) softmax(theta_l) (a distribution over the two
/// classes) and the forest the mean over its trees. Nodes are numbered in heap order (root 0, children of i are
/// 2i + 1 and 2i + 2), leaves left to right. The input standardisation (shift, scale) is stored as buffers, so it
/// travels with the weights.
/// </summary>
public sealed class SoftObliqueForest : nn.Module
{
    // All trainable values in one flat vector (w, then b, then theta), so an optimiser step is one tensor's update:
    // per-row training is dominated by the number of Torch calls, not by their size.
    private readonly Parameter _values;
    private readonly Tensor _slope;
    private readonly Tensor _offset;
    private readonly Tensor _inputShift;
    private readonly Tensor _inputScale;

    /// <summary>Creates a forest with zero parameters directly on <paramref name="device"/>; call <see cref="Initialize"/>.</summary>
    public SoftObliqueForest(int featureWidth, int numberOfTrees, int depth, Device device)
        : base(nameof(SoftObliqueForest))
    {
        if (featureWidth < 1) throw new ArgumentOutOfRangeException(nameof(featureWidth), featureWidth, "The forest needs at least one feature.");
        if (numberOfTrees < 1) throw new ArgumentOutOfRangeException(nameof(numberOfTrees), numberOfTrees, "The forest needs at least one tree.");
        if (depth is < 1 or > 10) throw new ArgumentOutOfRangeException(nameof(depth), depth, "The depth must be between 1 and 10.");
        FeatureWidth = featureWidth;
        NumberOfTrees = numberOfTrees;
        Depth = depth;
        WeightCount = (long)numberOfTrees * InternalNodes * featureWidth;
        BiasCount = (long)numberOfTrees * InternalNodes;
        ParameterCount = WeightCount + BiasCount + (long)numberOfTrees * Leaves * 2;
        _values = new Parameter(zeros(ParameterCount, device: device));
        register_parameter("values", _values);
        var (left, right) = RoutingMasks(depth);
        // factor[i, l] = n (left ancestor), 1 - n (right ancestor), 1 (not an ancestor) = n (left - right) + (1 - left).
        using var leftMask = TensorFrom(left, InternalNodes, Leaves, device);
        using var rightMask = TensorFrom(right, InternalNodes, Leaves, device);
        _slope = leftMask - rightMask;
        _offset = 1 - leftMask;
        _inputShift = zeros(featureWidth, device: device);
        _inputScale = ones(featureWidth, device: device);
        register_buffer("input_shift", _inputShift);
        register_buffer("input_scale", _inputScale);
    }

    /// <summary>Number of features d.</summary>
    public int FeatureWidth { get; }

    /// <summary>Number of trees T.</summary>
    public int NumberOfTrees { get; }

    /// <summary>Depth h of each tree.</summary>
    public int Depth { get; }

    /// <summary>Internal nodes per tree, 2^h - 1.</summary>
    public int InternalNodes => (1 << Depth) - 1;

    /// <summary>Leaves per tree, 2^h.</summary>
    public int Leaves => 1 << Depth;

    /// <summary>All trainable values as one vector: w ([T, 2^h - 1, d] row-major), then b, then theta.</summary>
    public Parameter Values => _values;

    /// <summary>Number of node weights T (2^h - 1) d (the first values).</summary>
    public long WeightCount { get; }

    /// <summary>Number of node biases T (2^h - 1) (after the weights).</summary>
    public long BiasCount { get; }

    /// <summary>Number of trainable values: T ((2^h - 1)(d + 1) + 2^(h+1)).</summary>
    public long ParameterCount { get; }

    /// <summary>A view of the node hyperplane weights w, shape [T, 2^h - 1, d].</summary>
    public Tensor Weights => _values.narrow(0, 0, WeightCount).view(NumberOfTrees, InternalNodes, FeatureWidth);

    /// <summary>A view of the node biases b, shape [T, 2^h - 1].</summary>
    public Tensor Biases => _values.narrow(0, WeightCount, BiasCount).view(NumberOfTrees, InternalNodes);

    /// <summary>A view of the leaf logits theta, shape [T, 2^h, 2] (class 0 = false, class 1 = true).</summary>
    public Tensor LeafLogits => _values.narrow(0, WeightCount + BiasCount, ParameterCount - WeightCount - BiasCount).view(NumberOfTrees, Leaves, 2);

    /// <summary>
    /// The routing masks [node, leaf]: <c>left[i, l]</c> is 1 when node i is an ancestor of leaf l and the path to l
    /// goes left at i, <c>right[i, l]</c> when it goes right (the authors' mask matrix with +1/-1 split in two).
    /// </summary>
    public static (float[,] Left, float[,] Right) RoutingMasks(int depth)
    {
        int nodes = (1 << depth) - 1, leaves = 1 << depth;
        var left = new float[nodes, leaves];
        var right = new float[nodes, leaves];
        for (int l = 0; l < leaves; l++)
        {
            // 1-based heap: leaf l is node leaves + l; walk up to the root.
            int child = leaves + l;
            while (child > 1)
            {
                int parent = child / 2;
                if (child == 2 * parent) left[parent - 1, l] = 1;
                else right[parent - 1, l] = 1;
                child = parent;
            }
        }
        return (left, right);
    }

    /// <summary>Draws w and b from N(0, <paramref name="weightStandardDeviation"/>^2) and theta from U(0, 1) (the authors' initialisation).</summary>
    public void Initialize(Generator generator, double weightStandardDeviation)
    {
        using var noGrad = no_grad();
        _values.narrow(0, 0, WeightCount + BiasCount).normal_(0, weightStandardDeviation, generator);
        _values.narrow(0, WeightCount + BiasCount, ParameterCount - WeightCount - BiasCount).uniform_(0, 1, generator);
    }

    /// <summary>Sets the input standardisation applied by <see cref="Predict"/>: <c>(x - shift) * scale</c>.</summary>
    public void SetStandardization(ReadOnlySpan<float> shift, ReadOnlySpan<float> scale)
    {
        if (shift.Length != FeatureWidth || scale.Length != FeatureWidth)
            throw new ArgumentException($"The standardisation needs {FeatureWidth} shifts and scales; got {shift.Length} and {scale.Length}.");
        using var noGrad = no_grad();
        using var s = TensorCopy.FromSpan(shift, new long[] { FeatureWidth }, _inputShift.device);
        using var c = TensorCopy.FromSpan(scale, new long[] { FeatureWidth }, _inputScale.device);
        _inputShift.copy_(s);
        _inputScale.copy_(c);
    }

    /// <summary>
    /// The forward pass on already-standardised inputs <paramref name="x"/> [B, d]: class probabilities [B, 2] and the
    /// node decisions n_ti(x) [B, T, 2^h - 1] (differentiable).
    /// </summary>
    public (Tensor ClassProbabilities, Tensor NodeDecisions) Forward(Tensor x)
    {
        var nodes = Decisions(x);
        var leafProbabilities = Route(nodes);
        var treeOutputs = torch.einsum("btl,tlc->btc", leafProbabilities, torch.softmax(LeafLogits, -1));
        return (treeOutputs.mean(new long[] { 1 }), nodes);
    }

    /// <summary>The leaf probabilities p_l(x) [B, T, 2^h] of standardised inputs (for inspection and tests).</summary>
    public Tensor LeafProbabilities(Tensor x)
    {
        return Route(Decisions(x));
    }

    // Leaf probability = product over the nodes i of n_i (left ancestor), 1 - n_i (right ancestor) or 1.
    private Tensor Route(Tensor nodes) => torch.addcmul(_offset, nodes.unsqueeze(-1), _slope, 1).prod(2);

    private Tensor Decisions(Tensor x)
    {
        var w = _values.narrow(0, 0, WeightCount).view(NumberOfTrees * InternalNodes, FeatureWidth);
        var b = _values.narrow(0, WeightCount, BiasCount);
        return torch.sigmoid(torch.addmm(b, x, w.t(), 1, 1)).view(x.shape[0], NumberOfTrees, InternalNodes);
    }

    /// <summary>Probability of the true class for raw inputs <paramref name="x"/> [B, d] (standardised with the stored buffers).</summary>
    public Tensor Predict(Tensor x)
    {
        var (probabilities, _) = Forward((x - _inputShift) * _inputScale);
        return probabilities.select(1, 1);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // The routing constants are not registered (they are rebuilt from the depth, not saved).
            _slope.Dispose();
            _offset.Dispose();
        }
        base.Dispose(disposing);
    }

    private static Tensor TensorFrom(float[,] values, int rows, int columns, Device device)
    {
        var flat = new float[rows * columns];
        Buffer.BlockCopy(values, 0, flat, 0, flat.Length * sizeof(float));
        return TensorCopy.FromSpan(flat, new long[] { rows, columns }, device);
    }
}
