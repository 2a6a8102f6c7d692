using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetExtensions.Training;

/// <summary>Builds a TorchSharp optimiser from an <see cref="OptimizerKind"/>.</summary>
public static class OptimizerFactory
{
    /// <summary>Creates the optimiser over <paramref name="parameters"/>.</summary>
    public static optim.Optimizer Create(OptimizerKind kind, IEnumerable<Parameter> parameters, double learningRate, double weightDecay)
    {
        if (!(learningRate > 0) || double.IsInfinity(learningRate))
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "LearningRate must be a positive finite number.");
        if (!(weightDecay >= 0) || double.IsInfinity(weightDecay))
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "WeightDecay must be a non-negative finite number.");
        return kind switch
        {
            OptimizerKind.Adam => optim.Adam(parameters, lr: learningRate, weight_decay: weightDecay),
            OptimizerKind.AdamW => optim.AdamW(parameters, lr: learningRate, weight_decay: weightDecay),
            OptimizerKind.Sgd => optim.SGD(parameters, learningRate, momentum: 0.9, weight_decay: weightDecay, nesterov: true),
            OptimizerKind.RmsProp => optim.RMSProp(parameters, lr: learningRate, weight_decay: weightDecay),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown optimiser."),
        };
    }
}
