using TorchSharp;
using static TorchSharp.torch;

namespace MLNetExtensions.Debiasing.Trainers.Kernels;

/// <summary>
/// Kernel features phi(u, i) = concat(E_u, F_i) from frozen embeddings (or user-supplied feature vectors), min-max scaled per
/// dimension over the WHOLE table as (f - fmin) / (fmax - fmin) (the reference writes f - fmin / (fmax - fmin), an
/// operator-precedence bug), then divided by the feature dimension (2k for embeddings). The min and max over all pairs of a
/// user (item) dimension are its min and max over users (items), so no pair is materialised. A constant dimension maps to 0.
/// </summary>
internal sealed class KernelFeatureTable : IDisposable
{
    private readonly Tensor _users;
    private readonly Tensor _items;

    public KernelFeatureTable(float[] userFactors, float[] itemFactors, int userCount, int itemCount, int factors, Device device)
        : this(userFactors, userCount, factors, itemFactors, itemCount, factors, device)
    {
    }

    /// <summary>Row-major user (userCount x userDimension) and item (itemCount x itemDimension) feature tables.</summary>
    public KernelFeatureTable(float[] userValues, int userCount, int userDimension, float[] itemValues, int itemCount, int itemDimension, Device device)
    {
        Dimension = userDimension + itemDimension;
        _users = Scale(userValues, userCount, userDimension, Dimension, device);
        _items = Scale(itemValues, itemCount, itemDimension, Dimension, device);
    }

    /// <summary>The feature dimension: 2k, or the user plus the item feature length.</summary>
    public int Dimension { get; }

    /// <summary>Features of index pairs, N x 2k.</summary>
    public Tensor Features(Tensor users, Tensor items) => torch.cat(new[] { _users.index_select(0, users), _items.index_select(0, items) }, 1);

    private static Tensor Scale(float[] values, int rows, int factors, int dimension, Device device)
    {
        using var raw = torch.tensor(values, new long[] { rows, factors }).to(device);
        using var min = raw.amin(new long[] { 0 }, keepdim: true);
        using var max = raw.amax(new long[] { 0 }, keepdim: true);
        using var range = max - min;
        // A constant dimension carries no information: (f - fmin) is 0 there, so divide by 1 instead of 0.
        using var safe = torch.where(range > 0, range, torch.ones_like(range));
        return ((raw - min) / safe / dimension).detach();
    }

    public void Dispose()
    {
        _users.Dispose();
        _items.Dispose();
    }
}
