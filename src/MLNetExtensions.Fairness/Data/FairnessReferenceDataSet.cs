namespace MLNetExtensions.Fairness.Data;

/// <summary>The third-party data sets of the fairness study (read from the reference data folder).</summary>
public enum FairnessReferenceDataSet
{
    /// <summary>ProPublica COMPAS two-year recidivism (<see cref="CompasDataSet"/>).</summary>
    Compas,

    /// <summary>UCI Adult census income (<see cref="MLNetExtensions.Data.AdultDataSet"/>).</summary>
    Adult,
}
