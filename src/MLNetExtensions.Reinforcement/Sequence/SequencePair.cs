namespace MLNetExtensions.Reinforcement.Sequence;

/// <summary>A supervised example for a sequence policy: a prompt and the answer it should produce (end token included).</summary>
/// <param name="Prompt">The prompt tokens.</param>
/// <param name="Answer">The target response tokens, ending with the policy's end token.</param>
public sealed record SequencePair(IReadOnlyList<int> Prompt, IReadOnlyList<int> Answer);
