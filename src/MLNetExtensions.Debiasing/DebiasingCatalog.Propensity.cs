using Microsoft.ML;
using MLNetExtensions.Debiasing.Data;
using MLNetExtensions.Debiasing.Propensity;

namespace MLNetExtensions.Debiasing;

public sealed partial class DebiasingCatalog
{
    /// <summary>
    /// Naive-Bayes propensities P(O=1|Y=y) with P(Y=y) from <paramref name="marSample"/> (a small set of labels collected
    /// at random, binarised like the training labels). Adds "Propensity" and "InversePropensityWeight".
    /// </summary>
    public PropensityEstimator NaiveBayesPropensity(IDataView marSample, string userColumnName = InteractionColumns.User,
        string itemColumnName = InteractionColumns.Item, string labelColumnName = InteractionColumns.Label, double clipMinimum = 1e-3) =>
        new(new PropensityOptions
        {
            Model = PropensityModelKind.NaiveBayes, UserColumnName = userColumnName, ItemColumnName = itemColumnName,
            LabelColumnName = labelColumnName, MarLabelColumnName = labelColumnName, ClipMinimum = clipMinimum,
        }, marSample ?? throw new ArgumentNullException(nameof(marSample)));

    /// <summary>Popularity propensities n_u n_i / |O| (no MAR labels needed; ignores the label). Adds "Propensity" and "InversePropensityWeight".</summary>
    public PropensityEstimator PopularityPropensity(string userColumnName = InteractionColumns.User, string itemColumnName = InteractionColumns.Item,
        double clipMinimum = 1e-3) =>
        new(new PropensityOptions
        {
            Model = PropensityModelKind.Popularity, UserColumnName = userColumnName, ItemColumnName = itemColumnName, ClipMinimum = clipMinimum,
        }, null);

    /// <summary>
    /// Logistic propensities sigmoid(w0 + w_user log(1 + n_u) + w_item log(1 + n_i)), fitted over all pairs (no MAR labels
    /// needed; ignores the label). Adds "Propensity" and "InversePropensityWeight".
    /// </summary>
    public PropensityEstimator LogisticPropensity(string userColumnName = InteractionColumns.User, string itemColumnName = InteractionColumns.Item,
        double clipMinimum = 1e-3) =>
        new(new PropensityOptions
        {
            Model = PropensityModelKind.Logistic, UserColumnName = userColumnName, ItemColumnName = itemColumnName, ClipMinimum = clipMinimum,
        }, null);

    /// <summary>A propensity estimator from <paramref name="options"/>; <paramref name="marSample"/> is required for Naive Bayes.</summary>
    public PropensityEstimator Propensity(PropensityOptions options, IDataView? marSample = null) => new(options, marSample);
}
