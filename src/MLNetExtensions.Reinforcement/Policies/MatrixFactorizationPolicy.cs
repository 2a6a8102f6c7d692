using MLNetExtensions.Debiasing.Trainers;
using MLNetExtensions.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetExtensions.Reinforcement.Policies;

/// <summary>
/// A recommender policy over items from matrix-factorisation embeddings: pi(i | u) = softmax_i(&lt;W_u, H_i&gt; / T).
/// The prompt is the 0-based user index, the action the recommended item. Built from a fitted debiasing-family MF model;
/// both factor tables are trained.
/// </summary>
public sealed class MatrixFactorizationPolicy : IGroupPolicy<int>, IDisposable
{
    private readonly Factors _factors;

    /// <summary>Creates the policy from row-major factor tables (users x k and items x k).</summary>
    /// <param name="userCount">Number of users.</param>
    /// <param name="itemCount">Number of items (actions).</param>
    /// <param name="userFactors">User factors, users x k.</param>
    /// <param name="itemFactors">Item factors, items x k.</param>
    /// <param name="temperature">Softmax temperature T &gt; 0 (the MF scores are logits of a click probability, not of a choice; T sets how peaked the initial policy is).</param>
    public MatrixFactorizationPolicy(int userCount, int itemCount, IReadOnlyList<float> userFactors, IReadOnlyList<float> itemFactors, double temperature = 1.0)
    {
        if (userCount < 1) throw new ArgumentOutOfRangeException(nameof(userCount), userCount, "At least one user is needed.");
        if (itemCount < 2) throw new ArgumentOutOfRangeException(nameof(itemCount), itemCount, "At least two items are needed.");
        ArgumentNullException.ThrowIfNull(userFactors);
        ArgumentNullException.ThrowIfNull(itemFactors);
        if (userFactors.Count == 0 || userFactors.Count % userCount != 0)
            throw new ArgumentException($"{userFactors.Count} user factor values are not a whole number per user ({userCount}).", nameof(userFactors));
        int k = userFactors.Count / userCount;
        if (itemFactors.Count != itemCount * k)
            throw new ArgumentException($"Expected {itemCount} x {k} item factor values, got {itemFactors.Count}.", nameof(itemFactors));
        if (!(temperature > 0) || !double.IsFinite(temperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be positive and finite.");
        UserCount = userCount;
        VocabularySize = itemCount;
        Temperature = temperature;
        _factors = new Factors(
            TensorCopy.FromSpan(userFactors.ToArray(), new long[] { userCount, k }, CPU),
            TensorCopy.FromSpan(itemFactors.ToArray(), new long[] { itemCount, k }, CPU));
    }

    /// <summary>A policy from a fitted debiased MF model's factors (copied).</summary>
    public static MatrixFactorizationPolicy FromModel(DebiasedMatrixFactorizationTransformer model, double temperature = 1.0)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new MatrixFactorizationPolicy(model.UserCount, model.ItemCount, model.GetUserFactors(), model.GetItemFactors(), temperature);
    }

    /// <summary>
    /// The fine-tuned factors as an ordinary debiasing MF model (Score column, evaluators, PredictionEngine,
    /// <c>SaveWithExtensions</c>), keeping <paramref name="template"/>'s options and training record. The model scores
    /// sigmoid(w_u . h_i); its ranking of items for a user is the policy's greedy order (the temperature only scales).
    /// </summary>
    /// <param name="template">The model the policy was built from (or any model with the same users, items and k).</param>
    public DebiasedMatrixFactorizationTransformer ToModel(DebiasedMatrixFactorizationTransformer template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.WithFactors(GetUserFactors(), GetItemFactors());
    }

    /// <summary>Number of users.</summary>
    public int UserCount { get; }

    /// <summary>Softmax temperature.</summary>
    public double Temperature { get; }

    /// <inheritdoc />
    public nn.Module Module => _factors;

    /// <inheritdoc />
    public int VocabularySize { get; }

    /// <summary>The current user factors, users x k, row-major.</summary>
    public float[] GetUserFactors() => CopyOut(_factors.Users);

    /// <summary>The current item factors, items x k, row-major.</summary>
    public float[] GetItemFactors() => CopyOut(_factors.Items);

    /// <summary>The item with the highest probability for each user.</summary>
    public int[] GreedyItems()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var best = _factors.Users.matmul(_factors.Items.t()).argmax(1).cpu();
        return best.data<long>().ToArray().Select(v => (int)v).ToArray();
    }

    /// <inheritdoc />
    public PolicyRollout Sample(IReadOnlyList<int> prompts, int groupSize, Generator generator)
    {
        // No dispose scope here: the rollout's tensors must outlive this call.
        using var noGrad = no_grad();
        using var logits = Logits(prompts);
        return OneStepSoftmax.Sample(logits, groupSize, generator);
    }

    /// <inheritdoc />
    public (Tensor LogProbabilities, Tensor Entropy) Score(IReadOnlyList<int> prompts, Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var (logp, entropy) = OneStepSoftmax.Score(Logits(prompts), tokens);
        return (logp.MoveToOuterDisposeScope(), entropy.MoveToOuterDisposeScope());
    }

    private Tensor Logits(IReadOnlyList<int> prompts)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        var index = new long[prompts.Count];
        for (int i = 0; i < index.Length; i++)
        {
            if ((uint)prompts[i] >= (uint)UserCount)
                throw new ArgumentOutOfRangeException(nameof(prompts), prompts[i], $"User {prompts[i]} (prompt {i}) is outside 0..{UserCount - 1}.");
            index[i] = prompts[i];
        }
        using var scope = NewDisposeScope();
        var users = tensor(index);
        return (_factors.Users.index_select(0, users).matmul(_factors.Items.t()) / Temperature).MoveToOuterDisposeScope();
    }

    private static float[] CopyOut(Tensor t)
    {
        using var cpu = t.detach().cpu().contiguous();
        return cpu.data<float>().ToArray();
    }

    /// <inheritdoc />
    public void Dispose() => _factors.Dispose();

    private sealed class Factors : nn.Module
    {
        public Factors(Tensor users, Tensor items) : base(nameof(MatrixFactorizationPolicy))
        {
            Users = new Parameter(users);
            Items = new Parameter(items);
            register_parameter("users", Users);
            register_parameter("items", Items);
        }

        public Parameter Users { get; }

        public Parameter Items { get; }
    }
}
