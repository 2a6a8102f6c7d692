using MLNetExtensions.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetExtensions.Debiasing.Trainers;

/// <summary>
/// Draws the batch's sample D_b of user-item pairs uniformly from ALL pairs (users x items) as two index tensors. Users
/// and items are drawn independently, which is uniform over pairs, so no all-pairs table is ever built: memory is
/// O(pairs drawn) whatever the catalog size. As in the reference, observed pairs may be drawn too (D_b samples D).
/// </summary>
internal sealed class UnobservedPairSampler
{
    private readonly int _users;
    private readonly int _items;
    private readonly TorchRandom _random;

    public UnobservedPairSampler(int userCount, int itemCount, TorchRandom random)
    {
        _users = userCount;
        _items = itemCount;
        _random = random;
    }

    /// <summary><paramref name="count"/> pairs as (users, items), int64, on the trainer's device.</summary>
    public (Tensor Users, Tensor Items) Sample(long count)
    {
        var users = torch.randint(0, _users, new[] { count }, dtype: ScalarType.Int64, device: _random.Device, generator: _random.Generator);
        var items = torch.randint(0, _items, new[] { count }, dtype: ScalarType.Int64, device: _random.Device, generator: _random.Generator);
        return (users, items);
    }
}
