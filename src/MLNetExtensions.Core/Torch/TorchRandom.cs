using TorchSharp;
using static TorchSharp.torch;

namespace MLNetExtensions.Torch;

/// <summary>
/// Per-trainer random state. Every random draw (weight init, dropout, shuffling) goes through a generator
/// seeded from the trainer's <c>Seed</c> option, never libtorch's global generator, so two trainers with the
/// same seed give the same weights even when they run concurrently.
/// </summary>
public sealed class TorchRandom : IDisposable
{
    /// <summary>Creates the generator for <paramref name="seed"/> on <paramref name="device"/>.</summary>
    public TorchRandom(int seed, Device device)
    {
        TorchNative.EnsureLoaded();
        Seed = seed;
        Device = device;
        Generator = new Generator(unchecked((ulong)seed), device);
        // Shuffling runs on the CPU generator so the order does not depend on the device.
        CpuGenerator = device.type == DeviceType.CPU ? Generator : new Generator(unchecked((ulong)seed), torch.CPU);
    }

    /// <summary>The seed this state was created from.</summary>
    public int Seed { get; }

    /// <summary>The device the <see cref="Generator"/> lives on.</summary>
    public Device Device { get; }

    /// <summary>Generator on <see cref="Device"/> (dropout masks, initialisation).</summary>
    public Generator Generator { get; }

    /// <summary>Generator on the CPU (permutations).</summary>
    public Generator CpuGenerator { get; }

    /// <summary>A random permutation of <c>0..n-1</c>, int64, on the CPU.</summary>
    public Tensor Permutation(long n) => torch.randperm(n, generator: CpuGenerator);

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!ReferenceEquals(CpuGenerator, Generator))
            CpuGenerator.Dispose();
        Generator.Dispose();
    }
}
