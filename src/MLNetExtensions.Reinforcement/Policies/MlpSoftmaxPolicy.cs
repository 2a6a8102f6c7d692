using MLNetExtensions.Models;
using MLNetExtensions.Torch;
using MLNetExtensions.Trainers;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetExtensions.Reinforcement.Policies;

/// <summary>
/// A one-step policy over the classes of a Core <see cref="MlpNetwork"/> classifier: the prompt is a feature vector, the
/// action a class. A multiclass network's K outputs are the logits; a binary network's single logit z becomes the two
/// logits [0, z] (so pi(1 | x) = sigmoid(z), the transformer's Probability). The network is run in eval mode (no dropout).
/// </summary>
public sealed class MlpSoftmaxPolicy : IGroupPolicy<float[]>, IDisposable
{
    /// <summary>Wraps <paramref name="network"/> (not copied; the policy trains it in place).</summary>
    public MlpSoftmaxPolicy(MlpNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        Network = network;
        VocabularySize = network.OutputSize == 1 ? 2 : network.OutputSize;
        Device = network.parameters().First().device;
    }

    /// <summary>A policy around a COPY of a fitted classifier's network (the transformer is left untouched).</summary>
    /// <exception cref="ArgumentException">The model is a regressor.</exception>
    public static MlpSoftmaxPolicy FromTransformer(TorchMlpTransformer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Task == MlpTask.Regression)
            throw new ArgumentException("A regression MLP has no action distribution; fine-tune a binary or multiclass classifier.", nameof(model));
        var o = model.Options;
        var network = new MlpNetwork(model.FeatureWidth, o.HiddenLayers, model.Network.OutputSize, o.Activation, o.Dropout, model.Device);
        using (no_grad())
            network.load_state_dict(model.Network.state_dict());
        network.eval();
        return new MlpSoftmaxPolicy(network);
    }

    /// <summary>The wrapped network.</summary>
    public MlpNetwork Network { get; }

    /// <summary>The device of the network.</summary>
    public Device Device { get; }

    /// <inheritdoc />
    public nn.Module Module => Network;

    /// <inheritdoc />
    public int VocabularySize { get; }

    /// <summary>
    /// A transformer like <paramref name="template"/> (task, options, classes) around a copy of this policy's network:
    /// an ordinary <see cref="TorchMlpTransformer"/> that saves and loads with <c>SaveWithExtensions</c>.
    /// </summary>
    public TorchMlpTransformer ToTransformer(TorchMlpTransformer template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var o = template.Options;
        var copy = new MlpNetwork(Network.InputSize, o.HiddenLayers, Network.OutputSize, Network.Activation, o.Dropout, template.Device);
        try
        {
            using (no_grad())
                copy.load_state_dict(Network.state_dict());
            copy.eval();
            return template.WithNetwork(copy);
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }

    /// <summary>Action logits [rows, actions] of feature vectors.</summary>
    public Tensor Logits(IReadOnlyList<float[]> prompts)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        int width = Network.InputSize;
        var flat = new float[prompts.Count * width];
        for (int i = 0; i < prompts.Count; i++)
        {
            var row = prompts[i] ?? throw new ArgumentNullException(nameof(prompts), $"Prompt {i} is null.");
            if (row.Length != width)
                throw new ArgumentException($"Prompt {i} has {row.Length} features; the network expects {width}.", nameof(prompts));
            row.CopyTo(flat, i * width);
        }
        using var scope = NewDisposeScope();
        Network.eval();
        var x = TensorCopy.FromSpan(flat, new long[] { prompts.Count, width }, Device);
        var output = Network.Predict(x);
        var logits = Network.OutputSize == 1 ? cat(new[] { zeros_like(output), output }, 1) : output;
        return logits.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public PolicyRollout Sample(IReadOnlyList<float[]> prompts, int groupSize, Generator generator)
    {
        using var noGrad = no_grad();
        using var logits = Logits(prompts);
        return OneStepSoftmax.Sample(logits, groupSize, generator);
    }

    /// <inheritdoc />
    public (Tensor LogProbabilities, Tensor Entropy) Score(IReadOnlyList<float[]> prompts, Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var (logp, entropy) = OneStepSoftmax.Score(Logits(prompts), tokens);
        return (logp.MoveToOuterDisposeScope(), entropy.MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    public void Dispose() => Network.Dispose();
}
