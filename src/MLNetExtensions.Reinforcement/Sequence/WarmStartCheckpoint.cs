namespace MLNetExtensions.Reinforcement.Sequence;

/// <summary>One evaluation during a supervised warm start.</summary>
/// <param name="Step">Optimiser steps done.</param>
/// <param name="Loss">Mean cross-entropy per answer token of the last minibatch.</param>
/// <param name="Accuracy">Greedy exact-match accuracy on the evaluation pairs.</param>
public sealed record WarmStartCheckpoint(int Step, double Loss, double Accuracy);
