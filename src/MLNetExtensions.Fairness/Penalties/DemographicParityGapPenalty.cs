using static TorchSharp.torch;

namespace MLNetExtensions.Fairness.Penalties;

/// <summary>
/// Demographic-parity gap of a batch: max_g mean(output | g) - min_g mean(output | g) over the groups present in the
/// batch (for binary classification the predicted probability). With several output columns (multiclass class
/// probabilities) it is the largest one-vs-rest gap over the columns, the soft counterpart of
/// <see cref="Metrics.MulticlassFairnessReport.DemographicParityDifference"/>. Zero when fewer than two groups are
/// present. The gradient flows to the rows of the two extreme groups (of the worst column).
/// </summary>
public sealed class DemographicParityGapPenalty : FairnessPenalty
{
    /// <inheritdoc/>
    public override FairnessPenaltyKind Kind => FairnessPenaltyKind.DemographicParityGap;

    /// <inheritdoc/>
    public override Tensor Compute(Tensor output, Tensor attributes, Tensor? groups)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (groups is null)
            throw new ArgumentException("The demographic-parity gap needs the rows' group ids.", nameof(groups));
        if (output.shape[1] == 1)
            return Gap(output.select(1, 0), groups);
        using var scope = NewDisposeScope();
        var gaps = Enumerable.Range(0, (int)output.shape[1]).Select(c => Gap(output.select(1, c), groups)).ToArray();
        return stack(gaps).max().MoveToOuterDisposeScope();
    }

    /// <summary>The gap of <paramref name="values"/> ([n]) between the groups <paramref name="groups"/> (int64 [n], ids from 0).</summary>
    public static Tensor Gap(Tensor values, Tensor groups)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(groups);
        if (values.shape[0] != groups.shape[0])
            throw new ArgumentException($"{values.shape[0]} values but {groups.shape[0]} group ids.", nameof(groups));
        using var scope = NewDisposeScope();
        var ids = groups.to_type(ScalarType.Int64);
        long groupCount = ids.max().item<long>() + 1;
        var sums = zeros(groupCount, dtype: values.dtype, device: values.device).index_add(0, ids, values, 1);
        var counts = zeros(groupCount, dtype: values.dtype, device: values.device).index_add(0, ids, ones_like(values), 1);
        var present = counts > 0;
        var means = (sums / counts.clamp_min(1)).masked_select(present);
        if (means.shape[0] < 2)
            return zeros(Array.Empty<long>(), dtype: values.dtype, device: values.device).MoveToOuterDisposeScope();
        return (means.max() - means.min()).MoveToOuterDisposeScope();
    }
}
