namespace MLNetExtensions.Fairness.Data;

/// <summary>
/// A seeded train/test split of a fairness reference data set, featurised for the fairness trainers: <c>Label</c>
/// (Boolean), <c>Features</c> (numbers and one-hot categories, without the protected attributes) and the protected
/// text columns <see cref="FairnessReferenceData.RaceColumnName"/> and <see cref="FairnessReferenceData.SexColumnName"/>.
/// </summary>
/// <param name="DataSet">Which data set.</param>
/// <param name="Train">Training rows (cached).</param>
/// <param name="Test">Held-out rows (cached).</param>
/// <param name="TrainRows">Number of training rows.</param>
/// <param name="TestRows">Number of test rows.</param>
/// <param name="FeatureWidth">Width of the Features vector.</param>
/// <param name="Description">What was loaded and how it was featurised, in words.</param>
public sealed record FairnessReferenceSplit(
    FairnessReferenceDataSet DataSet, Microsoft.ML.IDataView Train, Microsoft.ML.IDataView Test, long TrainRows, long TestRows,
    int FeatureWidth, string Description);
