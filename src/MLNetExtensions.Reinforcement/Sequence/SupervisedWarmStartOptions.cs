using MLNetExtensions.Training;

namespace MLNetExtensions.Reinforcement.Sequence;

/// <summary>Settings of <see cref="SupervisedWarmStart"/>: teacher-forced cross-entropy on answer tokens.</summary>
public sealed class SupervisedWarmStartOptions
{
    /// <summary>Most optimiser steps.</summary>
    public int MaxSteps { get; set; } = 2000;

    /// <summary>Examples per step (drawn without replacement, reshuffled each pass).</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>Optimiser learning rate.</summary>
    public double LearningRate { get; set; } = 3e-3;

    /// <summary>Optimiser.</summary>
    public OptimizerKind Optimizer { get; set; } = OptimizerKind.AdamW;

    /// <summary>Weight decay (decoupled for AdamW).</summary>
    public double WeightDecay { get; set; } = 0.0;

    /// <summary>
    /// Stop as soon as greedy exact-match accuracy on the evaluation pairs reaches this value (e.g. 0.5 for the spec's
    /// half-trained warm start); null trains for <see cref="MaxSteps"/>.
    /// </summary>
    public double? TargetAccuracy { get; set; }

    /// <summary>Steps between accuracy checks (also recorded in the history).</summary>
    public int EvaluationInterval { get; set; } = 50;

    /// <summary>Seed of the minibatch order.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (MaxSteps < 1) throw new ArgumentOutOfRangeException(nameof(MaxSteps), MaxSteps, "MaxSteps must be at least 1.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 1.");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "LearningRate must be a positive finite number.");
        if (!(WeightDecay >= 0) || double.IsInfinity(WeightDecay))
            throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "WeightDecay must be a non-negative finite number.");
        if (TargetAccuracy is { } target && !(target > 0 && target <= 1))
            throw new ArgumentOutOfRangeException(nameof(TargetAccuracy), target, "TargetAccuracy must be in (0, 1].");
        if (EvaluationInterval < 1)
            throw new ArgumentOutOfRangeException(nameof(EvaluationInterval), EvaluationInterval, "EvaluationInterval must be at least 1.");
    }
}
