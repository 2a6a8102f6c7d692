using MLNetExtensions.Fairness.Data;
using Xunit;

namespace MLNetExtensions.Tests.Fairness.Data;

/// <summary>
/// A fact that needs COMPAS and Adult (third-party, read from ../shared/data or MLNETEXT_DATA_DIR, never copied into
/// the repository): skipped with the reason when either is absent, e.g. in a fresh clone.
/// </summary>
public sealed class ReferenceDataFactAttribute : FactAttribute
{
    private static readonly string? MissingReason;

    static ReferenceDataFactAttribute()
    {
        foreach (var set in new[] { FairnessReferenceDataSet.Compas, FairnessReferenceDataSet.Adult })
            if (FairnessReferenceData.Find(set, null, out var reason) is null)
                MissingReason ??= reason;
    }

    public ReferenceDataFactAttribute()
    {
        if (MissingReason is not null)
            Skip = $"COMPAS/Adult data not available: {MissingReason}";
    }
}
