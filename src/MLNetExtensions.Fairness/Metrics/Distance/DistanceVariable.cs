namespace MLNetExtensions.Fairness.Metrics.Distance;

/// <summary>A variable of the distance statistics: a block of adjacent columns (Euclidean distance over them).</summary>
internal readonly record struct DistanceVariable(int Offset, int Width);
