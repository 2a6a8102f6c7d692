using MLNetExtensions.Data;
using MLNetExtensions.Debiasing.Data;
using Xunit;

namespace MLNetExtensions.Tests.Debiasing;

/// <summary>
/// A fact that needs the Coat data (third-party, read from ../shared/data or MLNETEXT_DATA_DIR, never copied into the
/// repository): skipped with the reason when the folder is absent, e.g. in a fresh clone.
/// </summary>
public sealed class CoatFactAttribute : FactAttribute
{
    private static readonly string MissingReason;

    static CoatFactAttribute()
    {
        Folder = ReferenceDataDirectory.Find("coat", CoatLoader.TrainFile, out var reason);
        MissingReason = reason;
    }

    public CoatFactAttribute()
    {
        if (Folder is null)
            Skip = $"Coat data not available: {MissingReason}";
    }

    /// <summary>The Coat folder, or null when absent.</summary>
    public static string? Folder { get; }
}
