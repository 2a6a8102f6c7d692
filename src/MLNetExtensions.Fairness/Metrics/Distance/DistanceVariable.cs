namespace MLNetExtensions.Fairness.Metrics.Distance;

/// <summary>
/// A variable of the distance statistics: a block of adjacent columns (Euclidean distance over them), or, when
/// <see cref="Parts"/> is set, the concatenation of other variables, whose distance is sqrt(sum of their squared
/// distances) and so is computed from theirs without touching the columns again.
/// </summary>
internal readonly record struct DistanceVariable(int Offset, int Width, int[]? Parts = null);
