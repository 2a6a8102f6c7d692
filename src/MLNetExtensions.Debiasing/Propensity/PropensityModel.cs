namespace MLNetExtensions.Debiasing.Propensity;

/// <summary>A fitted observation model: the unclipped probability that a (user, item, label) cell is observed.</summary>
public abstract class PropensityModel
{
    private protected PropensityModel()
    {
    }

    /// <summary>The model kind.</summary>
    public abstract PropensityModelKind Kind { get; }

    /// <summary>
    /// P(O=1 | user, item, label), unclipped (may be 0). Throws <see cref="KeyNotFoundException"/> for a label the
    /// model has no value for and <see cref="ArgumentOutOfRangeException"/> for an index outside the fitted counts.
    /// </summary>
    public abstract double Propensity(int user, int item, float label);

    /// <summary>Users the model indexes by key (0 when it does not read the user and item keys).</summary>
    internal virtual int KeyedUserCount => 0;

    /// <summary>Items the model indexes by key (0 when it does not read the user and item keys).</summary>
    internal virtual int KeyedItemCount => 0;

    /// <summary>Clipped to [<paramref name="clipMinimum"/>, 1].</summary>
    public double ClippedPropensity(int user, int item, float label, double clipMinimum) =>
        Math.Clamp(Propensity(user, item, label), clipMinimum, 1.0);
}
