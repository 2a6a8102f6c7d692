namespace MLNetExtensions.Distillation.Trainers;

/// <summary>
/// The two balances of (B-)MTARD for N teachers, updated once per training batch.
/// <para><b>Entropy-based temperature balance.</b> E_k = -mean over rows and classes of p_k log(p_k + 1e-5), with
/// p_k = softmax(z_k / tau_k) (the specification's H_k with the sign flipped, so E_k &gt;= 0 grows with the teacher's
/// uncertainty); tau_k &lt;- clamp(tau_k - eta_tau sign(E_k / mean_j E_j - 1), tau_min, tau_max). A teacher sharper
/// than the average (lower entropy) is heated, a softer one cooled, until the entropies match; with tau_min = 1
/// and every tau starting at 1, in practice the sharper teachers are softened. For two teachers this is exactly
/// tau_adv -= eta sign(H_adv / H_nat - 1), tau_nat -= eta sign(H_nat / H_adv - 1).</para>
/// <para><b>Normalisation loss balance.</b> Lhat_k = L_k / L_k(first batch), r_k = Lhat_k / mean_j Lhat_j,
/// w_k &lt;- w_k - eta_w (w_k - r_k / sum_j r_j), clipped at 0 and renormalised to sum 1, starting at 1/N. A teacher
/// whose loss has fallen less (relative to its start) than the others' gets more weight: the student is pushed
/// toward the teacher it is learning from more slowly.</para>
/// </summary>
public sealed class MtardBalance
{
    private readonly double[] _temperatures;
    private readonly double[] _weights;
    private readonly List<MtardBalanceStep> _history = new();
    private double[]? _initialLosses;

    /// <summary>Starts every temperature at <paramref name="minTemperature"/> (MTARD: 1) and every weight at 1/N.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No teacher, or an invalid rate or temperature range.</exception>
    public MtardBalance(int teacherCount, double temperatureLearningRate = 1e-3, double weightLearningRate = 0.025,
        double minTemperature = 1, double maxTemperature = 10, bool balanceTemperatures = true, bool balanceWeights = true)
    {
        if (teacherCount < 1)
            throw new ArgumentOutOfRangeException(nameof(teacherCount), teacherCount, "MTARD needs at least one teacher.");
        if (!(temperatureLearningRate >= 0) || !double.IsFinite(temperatureLearningRate))
            throw new ArgumentOutOfRangeException(nameof(temperatureLearningRate), temperatureLearningRate, "The temperature step must be non-negative and finite.");
        if (!(weightLearningRate >= 0 && weightLearningRate <= 1))
            throw new ArgumentOutOfRangeException(nameof(weightLearningRate), weightLearningRate, "The weight step must be in [0, 1].");
        if (!(minTemperature > 0) || !(maxTemperature >= minTemperature) || !double.IsFinite(maxTemperature))
            throw new ArgumentOutOfRangeException(nameof(maxTemperature), maxTemperature, $"Temperatures need 0 < min ({minTemperature}) <= max, both finite.");
        TemperatureLearningRate = temperatureLearningRate;
        WeightLearningRate = weightLearningRate;
        MinTemperature = minTemperature;
        MaxTemperature = maxTemperature;
        BalanceTemperatures = balanceTemperatures;
        BalanceWeights = balanceWeights;
        _temperatures = Enumerable.Repeat(minTemperature, teacherCount).ToArray();
        _weights = Enumerable.Repeat(1.0 / teacherCount, teacherCount).ToArray();
    }

    /// <summary>Number of teachers.</summary>
    public int TeacherCount => _weights.Length;

    /// <summary>eta_tau.</summary>
    public double TemperatureLearningRate { get; }

    /// <summary>eta_w.</summary>
    public double WeightLearningRate { get; }

    /// <summary>tau_min.</summary>
    public double MinTemperature { get; }

    /// <summary>tau_max.</summary>
    public double MaxTemperature { get; }

    /// <summary>Whether the temperatures move.</summary>
    public bool BalanceTemperatures { get; }

    /// <summary>Whether the weights move.</summary>
    public bool BalanceWeights { get; }

    /// <summary>Current temperatures tau_k (a copy).</summary>
    public double[] Temperatures => (double[])_temperatures.Clone();

    /// <summary>Current weights w_k (a copy; they sum to 1).</summary>
    public double[] Weights => (double[])_weights.Clone();

    /// <summary>One entry per <see cref="Update"/>.</summary>
    public IReadOnlyList<MtardBalanceStep> History => _history;

    /// <summary>
    /// One batch: moves the weights with the batch's per-teacher losses and the temperatures with its per-teacher
    /// entropies (rules in the class summary), records the step.
    /// </summary>
    /// <exception cref="ArgumentException">Wrong lengths, or a value that is negative or not finite.</exception>
    public void Update(IReadOnlyList<double> entropies, IReadOnlyList<double> losses)
    {
        Check(entropies, nameof(entropies));
        Check(losses, nameof(losses));
        if (BalanceWeights) UpdateWeights(losses);
        if (BalanceTemperatures) UpdateTemperatures(entropies);
        _history.Add(new MtardBalanceStep(_history.Count + 1, entropies.ToArray(), losses.ToArray(), Temperatures, Weights));
    }

    private void UpdateTemperatures(IReadOnlyList<double> entropies)
    {
        double mean = entropies.Average();
        if (!(mean > 0)) return;   // every teacher one-hot: nothing to balance
        for (int k = 0; k < _temperatures.Length; k++)
        {
            double next = _temperatures[k] - TemperatureLearningRate * Math.Sign(entropies[k] / mean - 1);
            _temperatures[k] = Math.Clamp(next, MinTemperature, MaxTemperature);
        }
    }

    private void UpdateWeights(IReadOnlyList<double> losses)
    {
        // A first loss of 0 (student already equals the teacher) would divide by 0; a tiny floor keeps Lhat finite.
        _initialLosses ??= losses.Select(l => Math.Max(l, 1e-12)).ToArray();
        var relative = losses.Select((l, k) => l / _initialLosses[k]).ToArray();
        double sum = relative.Sum();
        if (!(sum > 0)) return;
        // r_k / sum r = Lhat_k / sum Lhat (the mean cancels).
        for (int k = 0; k < _weights.Length; k++)
            _weights[k] = Math.Max(_weights[k] - WeightLearningRate * (_weights[k] - relative[k] / sum), 0);
        double total = _weights.Sum();
        for (int k = 0; k < _weights.Length; k++)
            _weights[k] = total > 0 ? _weights[k] / total : 1.0 / _weights.Length;
    }

    private void Check(IReadOnlyList<double> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Count != _weights.Length)
            throw new ArgumentException($"Expected {_weights.Length} values (one per teacher), got {values.Count}.", name);
        for (int k = 0; k < values.Count; k++)
            if (!(values[k] >= 0) || !double.IsFinite(values[k]))
                throw new ArgumentException($"Value {k} is {values[k]}; entropies and losses must be non-negative and finite.", name);
    }
}
