using System.Diagnostics;
using MLNetExtensions.Reinforcement.Benchmark;
using MLNetExtensions.Reinforcement.Training;
using MLNetExtensions.Reporting;

namespace MLNetExtensions.Showcase;

/// <summary>
/// Showcase section "Entropy-aware RL fine-tuning": the bandit trap (100 contexts x 20 actions, the policy starts on a
/// decoy worth 0.5 while the best action pays 1) fine-tuned by GRPO as is, with Clip-Cov and with KL-Cov; entropy and
/// reward curves and the exact figures of the final policies. One seed and 60 steps so the section takes a few seconds.
/// </summary>
internal static class ReinforcementShowcaseSection
{
    private const int Steps = 60;

    public static void Run(MarkdownReport report, ShowcaseOptions options, TextWriter log)
    {
        // Thousands of tiny Torch calls: one libtorch thread is much faster on a loaded machine; restored afterwards.
        int threads = TorchSharp.torch.get_num_threads();
        TorchSharp.torch.set_num_threads(1);
        try
        {
            RunSection(report, options, log);
        }
        finally
        {
            TorchSharp.torch.set_num_threads(threads);
        }
    }

    private static void RunSection(MarkdownReport report, ShowcaseOptions options, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        var trap = new BanditTrap(seed: options.Seed);
        var start = trap.Evaluate(trap.CreatePolicy().Probabilities());
        log.WriteLine($"[showcase] RL: bandit trap, {trap.Contexts} contexts x {trap.Actions} actions, vanilla vs clip_cov vs kl_cov, {Steps} steps each");
        var histories = new Dictionary<string, ReinforcementRunHistory>();
        var rows = new List<IReadOnlyList<object?>>
        {
            new object?[] { "starting policy", start.Entropy, start.ExpectedReward, start.BestActionRate, start.DecoyCollapseRate, null, null },
        };
        foreach (var method in new[] { "vanilla", "clip_cov", "kl_cov" })
        {
            using var policy = trap.CreatePolicy();
            var history = new GroupPolicyTrainer<int>(policy, trap.Reward, BanditTrapTask.Options(method, options.Seed, Steps)).Fit(trap.Prompts());
            var f = trap.Evaluate(policy.Probabilities());
            var fit = history.FitEntropyReward();
            histories[method] = history;
            rows.Add(new object?[] { method, f.Entropy, f.ExpectedReward, f.BestActionRate, f.DecoyCollapseRate, fit.Ceiling, history.EntropySignAgreement });
            log.WriteLine($"[showcase] RL {method}: entropy {f.Entropy:F3}, expected reward {f.ExpectedReward:F3}, best action in {f.BestActionRate:P0} of contexts, " +
                          $"decoy collapse {f.DecoyCollapseRate:P0}");
        }
        report.Heading("Entropy-aware RL fine-tuning");
        report.Paragraph(
            $"A contextual bandit with a trap: in each of {trap.Contexts} contexts one of {trap.Actions} actions pays 1, a decoy pays {trap.DecoyReward} " +
            $"and the rest 0; the tabular softmax policy starts with probability {trap.InitialDecoyProbability} on the decoy. GRPO (G = 8, two PPO epochs " +
            $"x two mini-batches, Adam 0.05, {Steps} steps) is run as is (vanilla), with Clip-Cov (ratio {BanditTrapTask.Settings.ClipCovRatio}, " +
            $"bounds ({BanditTrapTask.Settings.ClipCovLowerBound}, {BanditTrapTask.Settings.ClipCovUpperBound})) and with KL-Cov (ratio " +
            $"{BanditTrapTask.Settings.KlCovRatio}, beta {BanditTrapTask.Settings.KlCovBeta}). Figures are exact, from the final probabilities; " +
            "'collapse' is the share of contexts where the decoy holds over 90%. The ceiling is the fitted R = -a e^H + b at H = 0; the sign agreement is " +
            "the share of steps whose observed entropy change has the sign of -eta Cov(log pi, A). One seed: see docs/reinforcement.md for three.");
        report.Table(new[] { "method", "entropy", "expected reward", "best-action rate", "decoy collapse", "fitted ceiling", "dH sign agreement" }, rows);
        ReinforcementPlots.SaveCurves(histories, s => s.MeanEntropy, "mean policy entropy (nats)", "Bandit trap: entropy per step",
            Path.Combine(report.Folder, "rl-entropy.png"));
        report.Image("rl-entropy.png", "Policy entropy per step: vanilla vs Clip-Cov vs KL-Cov");
        ReinforcementPlots.SaveCurves(histories, s => s.MeanReward, "mean sampled reward", "Bandit trap: reward per step",
            Path.Combine(report.Folder, "rl-reward.png"), legendAtBottom: true);
        report.Image("rl-reward.png", "Mean sampled reward per step: vanilla vs Clip-Cov vs KL-Cov");
        log.WriteLine($"[showcase] RL section done ({clock.Elapsed.TotalSeconds:F1} s)");
    }
}
