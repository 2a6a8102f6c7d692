namespace MLNetExtensions.Reinforcement.Policies;

/// <summary>
/// A verifiable reward, a simulator or logged feedback: the reward of one response (its valid tokens, in order) to
/// one prompt. Must be finite; the trainer stops with an error naming the step when it throws or returns NaN.
/// </summary>
/// <typeparam name="TPrompt">The prompt type of the policy.</typeparam>
public delegate double RewardFunction<in TPrompt>(TPrompt prompt, IReadOnlyList<int> response);
