namespace MLNetExtensions.Reinforcement.Addition;

/// <summary>How well and how diversely a policy answers a set of addition problems.</summary>
/// <param name="Problems">Problems evaluated.</param>
/// <param name="Samples">Responses sampled per problem (n).</param>
/// <param name="K">The k of <paramref name="PassAtK"/>.</param>
/// <param name="GreedyPassAt1">Fraction of problems whose greedy (arg-max) answer is exact.</param>
/// <param name="SampledPassAt1">Mean over problems of c / n: the chance that one sample at the policy's temperature is exact.</param>
/// <param name="PassAtK">Mean over problems of the unbiased pass@k estimate from n samples (<see cref="Addition.PassAtK"/>).</param>
/// <param name="DistinctCorrectAnswers">
/// Distinct (problem, correct answer) pairs among all samples. Exact match admits one correct answer per problem, so
/// this is the number of problems solved by at least one of the n samples (pass@n coverage, as a count).
/// </param>
/// <param name="MeanDistinctResponses">Mean over problems of the number of distinct responses among the n samples (1 = collapsed).</param>
/// <param name="MeanEntropy">Mean per-token policy entropy (nats) over the valid tokens of the sampled responses.</param>
/// <param name="PassAtKCurve">Mean unbiased pass@k for k = 1..n (entry k - 1), from the same samples.</param>
public sealed record AdditionEvaluation(
    int Problems,
    int Samples,
    int K,
    double GreedyPassAt1,
    double SampledPassAt1,
    double PassAtK,
    int DistinctCorrectAnswers,
    double MeanDistinctResponses,
    double MeanEntropy,
    IReadOnlyList<double> PassAtKCurve);
