using MLNetExtensions.Reinforcement.Policies;

namespace MLNetExtensions.Reinforcement.Benchmark;

/// <summary>
/// The contextual bandit with a trap: in each context one best action pays 1, one decoy pays <see cref="DecoyReward"/>
/// (0.5) and every other action 0. The starting policy favours the decoy: it holds probability
/// <see cref="InitialDecoyProbability"/> and the other actions share the rest equally, so the best action is rarely sampled
/// and group-relative updates keep reinforcing the decoy. Best and decoy actions are drawn per context from the seed.
/// </summary>
public sealed class BanditTrap
{
    /// <summary>Creates the bandit.</summary>
    /// <param name="contexts">Number of contexts (default 100).</param>
    /// <param name="actions">Actions per context (default 20).</param>
    /// <param name="seed">Seed of the best/decoy draw.</param>
    /// <param name="decoyReward">Reward of the decoy (default 0.5; must be in (0, 1)).</param>
    /// <param name="initialDecoyProbability">Starting probability of the decoy (default 0.5).</param>
    public BanditTrap(int contexts = 100, int actions = 20, int seed = 0, double decoyReward = 0.5, double initialDecoyProbability = 0.5)
    {
        if (contexts < 1) throw new ArgumentOutOfRangeException(nameof(contexts), contexts, "At least one context is needed.");
        if (actions < 3) throw new ArgumentOutOfRangeException(nameof(actions), actions, "The trap needs at least three actions (best, decoy, another).");
        if (!(decoyReward > 0 && decoyReward < 1)) throw new ArgumentOutOfRangeException(nameof(decoyReward), decoyReward, "The decoy reward must be in (0, 1).");
        if (!(initialDecoyProbability > 0 && initialDecoyProbability < 1))
            throw new ArgumentOutOfRangeException(nameof(initialDecoyProbability), initialDecoyProbability, "The initial decoy probability must be in (0, 1).");
        Contexts = contexts;
        Actions = actions;
        DecoyReward = decoyReward;
        InitialDecoyProbability = initialDecoyProbability;
        var random = new Random(seed);
        BestActions = new int[contexts];
        DecoyActions = new int[contexts];
        for (int c = 0; c < contexts; c++)
        {
            BestActions[c] = random.Next(actions);
            int decoy;
            do decoy = random.Next(actions); while (decoy == BestActions[c]);
            DecoyActions[c] = decoy;
        }
    }

    /// <summary>Number of contexts.</summary>
    public int Contexts { get; }

    /// <summary>Actions per context.</summary>
    public int Actions { get; }

    /// <summary>Reward of the decoy action.</summary>
    public double DecoyReward { get; }

    /// <summary>Starting probability of the decoy.</summary>
    public double InitialDecoyProbability { get; }

    /// <summary>The best action of each context.</summary>
    public int[] BestActions { get; }

    /// <summary>The decoy action of each context.</summary>
    public int[] DecoyActions { get; }

    /// <summary>The reward of <paramref name="action"/> in <paramref name="context"/>.</summary>
    public double Reward(int context, int action) =>
        action == BestActions[context] ? 1.0 : action == DecoyActions[context] ? DecoyReward : 0.0;

    /// <summary>The reward function of the trainer (a one-token response is the action).</summary>
    public double Reward(int context, IReadOnlyList<int> response) => Reward(context, response[0]);

    /// <summary>Every context index, the prompt set.</summary>
    public int[] Prompts() => Enumerable.Range(0, Contexts).ToArray();

    /// <summary>A fresh tabular policy in the trap's starting state (logit 0 for every action, log(p_d (K-1) / (1-p_d)) for the decoy).</summary>
    public TabularSoftmaxPolicy CreatePolicy()
    {
        float decoyLogit = (float)Math.Log(InitialDecoyProbability * (Actions - 1) / (1 - InitialDecoyProbability));
        var logits = new float[Contexts * Actions];
        for (int c = 0; c < Contexts; c++)
            logits[c * Actions + DecoyActions[c]] = decoyLogit;
        return new TabularSoftmaxPolicy(Contexts, Actions, logits);
    }

    /// <summary>Exact figures of a policy's probabilities (row-major contexts x actions).</summary>
    public BanditTrapFigures Evaluate(IReadOnlyList<float> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        if (probabilities.Count != Contexts * Actions)
            throw new ArgumentException($"Expected {Contexts * Actions} probabilities, got {probabilities.Count}.", nameof(probabilities));
        double entropy = 0, reward = 0;
        int best = 0, collapsed = 0;
        for (int c = 0; c < Contexts; c++)
        {
            int argmax = 0;
            for (int a = 0; a < Actions; a++)
            {
                double p = probabilities[c * Actions + a];
                if (p > 0) entropy -= p * Math.Log(p);
                reward += p * Reward(c, a);
                if (p > probabilities[c * Actions + argmax]) argmax = a;
            }
            if (argmax == BestActions[c]) best++;
            if (probabilities[c * Actions + DecoyActions[c]] > 0.9) collapsed++;
        }
        return new BanditTrapFigures(entropy / Contexts, reward / Contexts, best / (double)Contexts, collapsed / (double)Contexts);
    }
}

/// <summary>Exact figures of a bandit-trap policy, averaged over contexts.</summary>
/// <param name="Entropy">Mean policy entropy (nats).</param>
/// <param name="ExpectedReward">Mean expected reward under the policy.</param>
/// <param name="BestActionRate">Share of contexts whose most probable action is the best one.</param>
/// <param name="DecoyCollapseRate">Share of contexts where the decoy holds more than 90% of the probability.</param>
public sealed record BanditTrapFigures(double Entropy, double ExpectedReward, double BestActionRate, double DecoyCollapseRate);
