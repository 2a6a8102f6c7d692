using static TorchSharp.torch;

namespace MLNetExtensions.Debiasing.Trainers.Kernels;

/// <summary>Running summary of the kernel values between centres and sampled pairs during training (the spec asks to report them).</summary>
public sealed class KernelValueStatistics
{
    private double _sum;
    private long _count;

    /// <summary>Mean kernel value.</summary>
    public double Mean => _count == 0 ? double.NaN : _sum / _count;

    /// <summary>Smallest kernel value seen.</summary>
    public double Minimum { get; private set; } = double.PositiveInfinity;

    /// <summary>Largest kernel value seen (1 where a centre meets itself).</summary>
    public double Maximum { get; private set; } = double.NegativeInfinity;

    /// <summary>Values counted.</summary>
    public long Count => _count;

    internal void Add(Tensor values)
    {
        _sum += values.sum().item<float>();
        _count += values.numel();
        Minimum = Math.Min(Minimum, values.min().item<float>());
        Maximum = Math.Max(Maximum, values.max().item<float>());
    }

    internal static KernelValueStatistics Restore(double mean, long count, double minimum, double maximum) =>
        new() { _sum = mean * count, _count = count, Minimum = minimum, Maximum = maximum };
}
