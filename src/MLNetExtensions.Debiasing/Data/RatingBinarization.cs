using MLNetExtensions.Data;

namespace MLNetExtensions.Debiasing.Data;

/// <summary>
/// How ratings become 0/1 labels: 1 when the rating is at least <see cref="Threshold"/> (<see cref="Inclusive"/>)
/// or above it (not inclusive), else 0. Ratings outside [<see cref="MinimumRating"/>, <see cref="MaximumRating"/>]
/// or not whole numbers (when <see cref="RequireWholeNumbers"/>) are errors, not silently binarised.
/// The default is Coat as the kernel-balancing authors' code reads it: 1..5 stars, rating &gt;= 3 is positive.
/// </summary>
public sealed class RatingBinarization
{
    /// <summary>Rating threshold (default 3).</summary>
    public float Threshold { get; init; } = 3f;

    /// <summary>True: rating &gt;= threshold is positive (authors' code, default); false: rating &gt; threshold (their sibling paper).</summary>
    public bool Inclusive { get; init; } = true;

    /// <summary>Smallest valid rating (default 1).</summary>
    public float MinimumRating { get; init; } = 1f;

    /// <summary>Largest valid rating (default 5).</summary>
    public float MaximumRating { get; init; } = 5f;

    /// <summary>Whether ratings must be whole numbers (default true: star ratings).</summary>
    public bool RequireWholeNumbers { get; init; } = true;

    /// <summary>Coat / Yahoo! R3 with the authors' code: 1..5 stars, positive when rating &gt;= 3 (the default).</summary>
    public static RatingBinarization AtLeastThree { get; } = new();

    /// <summary>1..5 stars, positive when rating &gt; 3 (the rule of the authors' sibling paper).</summary>
    public static RatingBinarization AboveThree { get; } = new() { Inclusive = false };

    /// <summary>Maps one rating; <paramref name="column"/> and <paramref name="row"/> name it in errors.</summary>
    public float Apply(float rating, string column, long row)
    {
        if (!float.IsFinite(rating) || rating < MinimumRating || rating > MaximumRating || (RequireWholeNumbers && rating != MathF.Round(rating)))
            throw new DataValidationException(
                $"Column '{column}' has rating {rating} at row {row}, outside the binarisation rule ({ToString()}). " +
                "Fix the data or set RatingBinarization.MinimumRating / MaximumRating / RequireWholeNumbers.", column, row);
        return (Inclusive ? rating >= Threshold : rating > Threshold) ? 1f : 0f;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"positive when rating {(Inclusive ? ">=" : ">")} {Threshold}; valid ratings {(RequireWholeNumbers ? "whole numbers " : "")}in [{MinimumRating}, {MaximumRating}]";
}
