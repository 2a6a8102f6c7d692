using MLNetExtensions.Reinforcement.Sequence;

namespace MLNetExtensions.Reinforcement;

public sealed partial class ReinforcementCatalog
{
    /// <summary>
    /// A fitted sequence policy as an ML.NET transformer: text prompts in (<see cref="SequenceModelOptions.PromptColumnName"/>,
    /// default "Prompt"), greedy responses out as text ("Response") with their mean log-probability
    /// ("MeanLogProbability"). The transformer holds a copy of <paramref name="policy"/> and
    /// <paramref name="vocabulary"/>; save it with <c>mlContext.Model.SaveWithExtensions</c>.
    /// </summary>
    /// <param name="policy">The fitted policy; copied, not changed.</param>
    /// <param name="vocabulary">Characters of the policy's tokens; its size and end token must match the policy's.</param>
    /// <param name="options">Column names and batching; defaults when null.</param>
    /// <exception cref="ArgumentException">The vocabulary does not match the policy, or an option is invalid.</exception>
    public SequenceModelTransformer SequenceModel(TransformerSequencePolicy policy, CharacterVocabulary vocabulary, SequenceModelOptions? options = null) =>
        SequenceModelTransformer.Create(policy, vocabulary, options);
}
