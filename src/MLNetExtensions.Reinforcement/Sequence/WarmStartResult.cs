namespace MLNetExtensions.Reinforcement.Sequence;

/// <summary>What a supervised warm start did.</summary>
/// <param name="Steps">Optimiser steps run.</param>
/// <param name="Accuracy">Final greedy exact-match accuracy on the evaluation pairs.</param>
/// <param name="ReachedTarget">Whether it stopped because the target accuracy was reached.</param>
/// <param name="WallSeconds">Elapsed time, evaluations included.</param>
/// <param name="History">Every evaluation, in order (the last one is the final state).</param>
public sealed record WarmStartResult(int Steps, double Accuracy, bool ReachedTarget, double WallSeconds, IReadOnlyList<WarmStartCheckpoint> History);
