using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Reinforcement.Policies;
using MLNetExtensions.Reinforcement.Training;
using MLNetExtensions.Trainers;

namespace MLNetExtensions.Reinforcement;

public sealed partial class ReinforcementCatalog
{
    /// <summary>
    /// A GRPO-style trainer with entropy control for any policy (tabular, MLP, recommender, sequence model): its
    /// <c>Fit(prompts)</c> fine-tunes the policy in place and returns the run history.
    /// </summary>
    public GroupPolicyTrainer<TPrompt> GroupPolicyTrainer<TPrompt>(IGroupPolicy<TPrompt> policy, RewardFunction<TPrompt> reward,
        GroupPolicyOptions? options = null) => new(policy, reward, options ?? new GroupPolicyOptions());

    /// <summary>
    /// Fine-tunes a COPY of a fitted Torch MLP classifier as a policy over its classes (the prompt is a feature vector,
    /// the action a class) and returns it as an ordinary <see cref="TorchMlpTransformer"/> (save/load with
    /// <c>SaveWithExtensions</c>), with the run history.
    /// </summary>
    public MlpFineTuningResult FineTuneMlp(TorchMlpTransformer model, IReadOnlyList<float[]> contexts, RewardFunction<float[]> reward,
        GroupPolicyOptions? options = null, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var policy = MlpSoftmaxPolicy.FromTransformer(model);
        var history = GroupPolicyTrainer(policy, reward, options).Fit(contexts, log);
        return new MlpFineTuningResult(policy.ToTransformer(model), history);
    }

    /// <summary>As the list overload, reading the contexts from the model's feature column of <paramref name="contexts"/>.</summary>
    public MlpFineTuningResult FineTuneMlp(TorchMlpTransformer model, IDataView contexts, RewardFunction<float[]> reward,
        GroupPolicyOptions? options = null, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(contexts);
        var column = contexts.Schema.GetColumnOrNull(model.FeatureColumnName)
            ?? throw new ArgumentException($"The contexts have no column '{model.FeatureColumnName}' (the model's features); columns: " +
                                           string.Join(", ", contexts.Schema.Select(c => c.Name)) + ".", nameof(contexts));
        if (column.Type is not VectorDataViewType { ItemType: NumberDataViewType } vector || vector.ItemType.RawType != typeof(float))
            throw new ArgumentException($"Column '{column.Name}' must be a float vector; it is {column.Type}.", nameof(contexts));
        var rows = contexts.GetColumn<VBuffer<float>>(column).Select(v => v.DenseValues().ToArray()).ToList();
        return FineTuneMlp(model, rows, reward, options, log);
    }
}

/// <summary>A fine-tuned MLP classifier and its run history.</summary>
/// <param name="Model">The fine-tuned model (an ordinary TorchMlpTransformer).</param>
/// <param name="History">Per-step telemetry.</param>
public sealed record MlpFineTuningResult(TorchMlpTransformer Model, ReinforcementRunHistory History);
