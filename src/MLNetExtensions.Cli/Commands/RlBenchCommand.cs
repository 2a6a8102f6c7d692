using System.CommandLine;
using MLNetExtensions.Reinforcement.Addition;
using MLNetExtensions.Reinforcement.Benchmark;

namespace MLNetExtensions.Cli.Commands;

/// <summary>
/// <c>mlnetx bench rl</c>: entropy-aware RL fine-tuning methods (vanilla, entropy_bonus, clip_cov, kl_cov, empg) on a task
/// over seeds. Only parses flags and prints; the work is <see cref="ReinforcementBenchmark"/>, whose task list
/// (<see cref="ReinforcementBenchmark.Tasks"/>) names the valid <c>--task</c> values. Exit codes: 0 success, 2 bad input.
/// </summary>
internal static class RlBenchCommand
{
    public static Command Create()
    {
        var taskNames = string.Join("|", ReinforcementBenchmark.Tasks.Select(t => t.Name));
        var task = new Option<string>("--task") { Description = $"Task: {taskNames}.", DefaultValueFactory = _ => "bandit" };
        var seeds = new Option<int>("--seeds") { Description = "Number of seeds; mean and std over them.", DefaultValueFactory = _ => 3 };
        var firstSeed = new Option<int>("--first-seed") { Description = "First seed.", DefaultValueFactory = _ => 0 };
        var steps = new Option<int?>("--steps") { Description = "Rollout-and-update steps per run (default: the task's)." };
        var methods = new Option<string?>("--methods") { Description = "Comma-separated subset of vanilla,entropy_bonus,clip_cov,kl_cov,empg (default: all)." };
        var plots = new Option<string?>("--plots") { Description = "Folder to write rl-<task>-entropy.png and rl-<task>-reward.png (first seed's curves)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of the table." };

        var command = new Command("rl", $"Entropy-aware GRPO fine-tuning: vanilla, entropy_bonus, clip_cov, kl_cov, empg on a task ({taskNames}); entropy, reward, best-action rate, time.")
        {
            task, seeds, firstSeed, steps, methods, plots, json,
        };
        command.SetAction(parse =>
        {
            try
            {
                bool asJson = parse.GetValue(json);
                var methodText = parse.GetValue(methods);
                var options = new ReinforcementBenchmarkOptions
                {
                    Task = parse.GetValue(task)!,
                    Seeds = parse.GetValue(seeds),
                    FirstSeed = parse.GetValue(firstSeed),
                    Steps = parse.GetValue(steps),
                    Methods = methodText is null ? null : methodText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                };
                var result = ReinforcementBenchmark.Run(options, asJson ? null : parse.InvocationConfiguration.Error);
                if (parse.GetValue(plots) is { } folder)
                    result.SavePlots(Path.Combine(folder, $"rl-{result.Task}-entropy.png"), Path.Combine(folder, $"rl-{result.Task}-reward.png"));
                if (parse.GetValue(plots) is { } passFolder && result.Task == "addition")
                    AdditionBenchmarkPlots.SavePassAtK(result, Path.Combine(passFolder, "rl-addition-passk.png"));
                parse.InvocationConfiguration.Output.WriteLine(asJson ? result.ToJson() : result.ToTable());
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or IOException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"mlnetx bench rl: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
