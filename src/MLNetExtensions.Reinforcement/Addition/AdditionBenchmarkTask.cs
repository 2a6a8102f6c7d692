using System.Diagnostics;
using Microsoft.ML;
using MLNetExtensions.Reinforcement.Benchmark;
using MLNetExtensions.Reinforcement.Sequence;
using MLNetExtensions.Reinforcement.Training;

namespace MLNetExtensions.Reinforcement.Addition;

/// <summary>
/// <c>mlnetx bench rl --task addition</c>, the spec's demonstration 2. Per seed: split the 2-digit problems into
/// training, validation and test sets; warm-start a tiny transformer (2 layers, d 64) by supervised training until its
/// greedy exact match on the validation set reaches ~50%; then every method fine-tunes its own copy of that warm start
/// with GRPO and the 0/1 exact-match reward on the training prompts, and is evaluated on the test problems (greedy and
/// sampled pass@1, pass@k for k = 2, 4, 8, 16 from 16 samples, distinct correct answers, entropy). The warm start of a
/// seed is computed once and shared by the methods; its own test figures are reported beside each method's.
/// </summary>
public sealed class AdditionBenchmarkTask : ReinforcementBenchmarkTask
{
    private readonly Dictionary<int, WarmStart> _warmStarts = new();

    /// <summary>Creates the task with <paramref name="settings"/> (defaults when null).</summary>
    public AdditionBenchmarkTask(AdditionBenchmarkSettings? settings = null)
    {
        Settings = settings ?? new AdditionBenchmarkSettings();
        Settings.Validate();
    }

    /// <summary>The settings.</summary>
    public AdditionBenchmarkSettings Settings { get; }

    /// <inheritdoc />
    public override string Name => "addition";

    /// <inheritdoc />
    public override string Description =>
        "Tiny transformer (2 layers, d 64) on 2-digit addition a+b= (answer reversed): supervised warm start to ~50%, then GRPO with a 0/1 exact-match reward.";

    /// <summary>The pass@k values of k reported as figures <c>pass_at_k</c>.</summary>
    public static IReadOnlyList<int> ReportedK { get; } = new[] { 1, 2, 4, 8, 16 };

    /// <inheritdoc />
    public override IReadOnlyList<string> Figures { get; } = new[]
    {
        "final_entropy", "pass_at_1_greedy", "pass_at_1", "pass_at_2", "pass_at_4", "pass_at_8", "pass_at_16",
        "distinct_correct_answers", "distinct_responses", "final_train_reward",
        "warm_start_entropy", "warm_start_pass_at_1_greedy", "warm_start_pass_at_1", "warm_start_pass_at_2", "warm_start_pass_at_4",
        "warm_start_pass_at_8", "warm_start_pass_at_16", "warm_start_distinct_correct_answers", "warm_start_steps", "warm_start_seconds",
        "wall_seconds", "samples_per_second", "ml_net_pass_at_1_greedy",
    };

    /// <inheritdoc />
    public override int DefaultSteps => 80;

    /// <summary>The trainer options of a method.</summary>
    public GroupPolicyOptions Options(string method, int seed, int steps)
    {
        var options = new GroupPolicyOptions
        {
            GroupSize = Settings.GroupSize,
            NumberOfSteps = steps,
            PromptsPerStep = Settings.PromptsPerStep,
            LearningRate = Settings.LearningRate,
            Seed = seed,
        };
        Settings.Methods.Apply(method, options);
        return options;
    }

    /// <inheritdoc />
    public override ReinforcementTaskRun Run(string method, int seed, int steps)
    {
        var warm = GetWarmStart(seed);
        warm.Weights.Position = 0;
        using var policy = TransformerSequencePolicy.Load(warm.Weights);
        var clock = Stopwatch.StartNew();
        var history = new GroupPolicyTrainer<IReadOnlyList<int>>(policy, AdditionTask.ExactMatchReward(), Options(method, seed, steps))
            .Fit(warm.TrainingPrompts);
        var seconds = clock.Elapsed.TotalSeconds;
        var evaluation = AdditionEvaluator.Evaluate(policy, warm.Test, Settings.EvaluationSamples, 8, seed);
        var responses = (double)steps * Math.Min(Settings.PromptsPerStep, warm.TrainingPrompts.Length) * Settings.GroupSize;
        var figures = new Dictionary<string, double>
        {
            ["final_entropy"] = evaluation.MeanEntropy,
            ["pass_at_1_greedy"] = evaluation.GreedyPassAt1,
            ["distinct_correct_answers"] = evaluation.DistinctCorrectAnswers,
            ["distinct_responses"] = evaluation.MeanDistinctResponses,
            ["final_train_reward"] = history.Steps[^1].MeanReward,
            ["warm_start_entropy"] = warm.Evaluation.MeanEntropy,
            ["warm_start_pass_at_1_greedy"] = warm.Evaluation.GreedyPassAt1,
            ["warm_start_distinct_correct_answers"] = warm.Evaluation.DistinctCorrectAnswers,
            ["warm_start_steps"] = warm.Result.Steps,
            ["warm_start_seconds"] = warm.Result.WallSeconds,
            ["wall_seconds"] = seconds,
            ["samples_per_second"] = responses / seconds,
            ["ml_net_pass_at_1_greedy"] = MlNetGreedyPassAt1(policy, warm.Test),
        };
        foreach (var k in ReportedK)
        {
            figures[$"pass_at_{k}"] = evaluation.PassAtKCurve[k - 1];
            figures[$"warm_start_pass_at_{k}"] = warm.Evaluation.PassAtKCurve[k - 1];
        }
        return new ReinforcementTaskRun(figures, history);
    }

    /// <summary>
    /// Greedy exact match of the fine-tuned policy used as an ML.NET transformer (<c>SequenceModel</c>): the test prompts
    /// go in as text and the responses come back as text, so it must equal the evaluator's greedy pass@1.
    /// </summary>
    private static double MlNetGreedyPassAt1(TransformerSequencePolicy policy, AdditionProblem[] test)
    {
        var ml = new MLContext(0);
        using var model = ml.Reinforcement().SequenceModel(policy, AdditionTokenizer.Vocabulary, new SequenceModelOptions { KeepEndMarker = true });
        var prompts = ml.Data.LoadFromEnumerable(test.Select(p => new TextPrompt { Prompt = AdditionTokenizer.Decode(p.Prompt) }));
        var responses = ml.Data.CreateEnumerable<TextResponse>(model.Transform(prompts), reuseRowObject: false).ToArray();
        return test.Zip(responses).Count(pair => pair.Second.Response == AdditionTokenizer.Decode(pair.First.Answer)) / (double)test.Length;
    }

    private sealed class TextPrompt
    {
        public string Prompt { get; set; } = "";
    }

    private sealed class TextResponse
    {
        public string Response { get; set; } = "";
    }

    /// <summary>The seed's split and warm-started policy, trained on first use and kept for the other methods.</summary>
    private WarmStart GetWarmStart(int seed)
    {
        if (_warmStarts.TryGetValue(seed, out var cached)) return cached;
        var task = new AdditionTask(new AdditionTaskOptions { Digits = Settings.Digits });
        var (training, heldOut) = task.Split(2 * Settings.TestProblems, seed);
        var test = heldOut.Take(Settings.TestProblems).ToArray();
        var validation = heldOut.Skip(Settings.TestProblems).Select(p => new SequencePair(p.Prompt, p.Answer)).ToArray();
        using var policy = new TransformerSequencePolicy(task.PolicyOptions(seed));
        var result = SupervisedWarmStart.Fit(policy, training.Select(p => new SequencePair(p.Prompt, p.Answer)).ToArray(), validation,
            new SupervisedWarmStartOptions
            {
                MaxSteps = Settings.WarmStartMaxSteps,
                LearningRate = Settings.WarmStartLearningRate,
                TargetAccuracy = Settings.WarmStartTargetAccuracy,
                EvaluationInterval = 10,
                Seed = seed,
            });
        var evaluation = AdditionEvaluator.Evaluate(policy, test, Settings.EvaluationSamples, 8, seed);
        var weights = new MemoryStream();
        policy.Save(weights);
        var warm = new WarmStart(weights, training.Select(p => (IReadOnlyList<int>)p.Prompt).ToArray(), test, result, evaluation);
        _warmStarts[seed] = warm;
        return warm;
    }

    private sealed record WarmStart(MemoryStream Weights, IReadOnlyList<int>[] TrainingPrompts, AdditionProblem[] Test,
        WarmStartResult Result, AdditionEvaluation Evaluation);
}
