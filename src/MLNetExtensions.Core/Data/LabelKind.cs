namespace MLNetExtensions.Data;

/// <summary>How a label column is read and checked.</summary>
public enum LabelKind
{
    /// <summary>No label (scoring, unsupervised).</summary>
    None,
    /// <summary>Boolean, or a float that is exactly 0 or 1.</summary>
    Binary,
    /// <summary>A key column (ML.NET's <c>MapValueToKey</c>); read as a 0-based class index.</summary>
    Multiclass,
    /// <summary>A finite float.</summary>
    Regression,
}
