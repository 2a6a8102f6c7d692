namespace MLNetExtensions.Distillation.Benchmarking;

/// <summary>Where the MTARD balances ended in one seed of the benchmark (teacher order).</summary>
/// <param name="Seed">The seed.</param>
/// <param name="Teachers">Teacher names, e.g. lightgbm (natural rows) and robust (adversarial rows).</param>
/// <param name="Temperatures">Final temperatures tau_k.</param>
/// <param name="Weights">Final weights w_k.</param>
public sealed record MtardBalanceSummary(int Seed, IReadOnlyList<string> Teachers, IReadOnlyList<double> Temperatures, IReadOnlyList<double> Weights);
