using System.Numerics;

namespace MLNetExtensions.Fairness.Metrics.Distance;

/// <summary>
/// Distance covariances of several variables at once, in O(n^2) time and O(m n) memory per stripe (m variables, 8
/// stripes): distance matrices are never stored. Pass 1 accumulates each variable's distance row sums; pass 2
/// recomputes each row of distances, centres it from the row sums (U-centring with 1/(n-2), V-centring with 1/n)
/// and accumulates the requested pairwise product sums and the JdCov product. Each row i works on j &gt; i with
/// vectorised loops (the matrices are symmetric; the diagonal is added separately: 0 for U-centred matrices).
/// Columns are stored column-major: <c>columns[c][i]</c>. The Torch penalty of the regularised trainers will compute
/// the same U-centring on a batch with dense matrices (docs/fairness.md).
/// </summary>
internal static class DistanceCovarianceEngine
{
    // Rows are dealt to a fixed number of stripes (row i to stripe i % Stripes), each with its own buffers and sums,
    // run in parallel and added in stripe order: the result does not depend on the machine's core count.
    private const int Stripes = 8;

    /// <summary>Row sums of each variable's distance matrix.</summary>
    public static double[][] RowSums(double[][] columns, IReadOnlyList<DistanceVariable> variables)
    {
        int n = columns[0].Length, m = variables.Count;
        var partial = new double[Stripes][][];
        Parallel.For(0, Stripes, stripe =>
        {
            var sums = new double[m][];
            for (int v = 0; v < m; v++) sums[v] = new double[n];
            var rows = NewRows(m, n);
            for (int i = stripe; i < n - 1; i += Stripes)
            {
                int len = n - 1 - i;
                RawDistances(columns, variables, i, rows, len);
                for (int v = 0; v < m; v++)
                {
                    var d = rows[v].AsSpan(0, len);
                    var s = sums[v].AsSpan(i + 1, len);
                    double acc = 0;
                    for (int k = 0; k < d.Length; k++)
                    {
                        acc += d[k];
                        s[k] += d[k];
                    }
                    sums[v][i] += acc;
                }
            }
            partial[stripe] = sums;
        });
        var total = partial[0];
        for (int stripe = 1; stripe < Stripes; stripe++)
            for (int v = 0; v < m; v++)
                for (int i = 0; i < n; i++)
                    total[v][i] += partial[stripe][v][i];
        return total;
    }

    /// <summary>
    /// Unnormalised sums: <c>U[a, b] = sum_{i != j} A~_ij B~_ij</c> (U-centred), <c>V[a, b] = sum_{i, j} A_ij B_ij</c>
    /// (double-centred), and, over <paramref name="joint"/> variables, <c>J = sum_{i, j} prod_l (c - A~^l_ij)</c>.
    /// Only the products of <paramref name="pairs"/> are accumulated (all pairs when null); the others stay 0.
    /// </summary>
    public static (double[,] U, double[,] V, double J) ProductSums(double[][] columns, IReadOnlyList<DistanceVariable> variables,
        double[][] rowSums, bool wantV, int[]? joint, double c, IReadOnlyList<(int A, int B)>? pairs = null)
    {
        int n = columns[0].Length, m = variables.Count;
        pairs ??= AllPairs(m);
        var totals = rowSums.Select(s => s.Sum()).ToArray();
        double uScale = 1.0 / (n - 2), vScale = 1.0 / n;
        var partialU = new double[Stripes][];
        var partialV = new double[Stripes][];
        var partialJ = new double[Stripes];
        Parallel.For(0, Stripes, stripe =>
        {
            var uRows = NewRows(m, n);
            var vRows = wantV ? NewRows(m, n) : uRows;
            var product = new double[n];
            var u = new double[pairs.Count];
            var vv = new double[pairs.Count];
            double jointSum = 0;
            for (int i = stripe; i < n - 1; i += Stripes)
            {
                int len = n - 1 - i;
                RawDistances(columns, variables, i, uRows, len);
                for (int v = 0; v < m; v++)
                {
                    var d = uRows[v].AsSpan(0, len);
                    var r = rowSums[v];
                    double uConst = totals[v] / ((double)(n - 1) * (n - 2)) - r[i] * uScale;
                    if (wantV)
                    {
                        double vConst = totals[v] / ((double)n * n) - r[i] * vScale;
                        Center(d, r.AsSpan(i + 1, len), vScale, vConst, vRows[v].AsSpan(0, len));
                    }
                    Center(d, r.AsSpan(i + 1, len), uScale, uConst, d);
                }
                for (int p = 0; p < pairs.Count; p++)
                {
                    var (a, b) = pairs[p];
                    u[p] += 2 * Dot(uRows[a].AsSpan(0, len), uRows[b].AsSpan(0, len));
                    if (wantV) vv[p] += 2 * Dot(vRows[a].AsSpan(0, len), vRows[b].AsSpan(0, len));
                }
                if (joint is not null)
                {
                    var prod = product.AsSpan(0, len);
                    prod.Fill(1);
                    foreach (int l in joint)
                    {
                        var ul = uRows[l].AsSpan(0, len);
                        for (int k = 0; k < len; k++) prod[k] *= c - ul[k];
                    }
                    double s = 0;
                    foreach (var x in prod) s += x;
                    jointSum += 2 * s;
                }
            }
            partialU[stripe] = u;
            partialV[stripe] = vv;
            partialJ[stripe] = jointSum;
        });

        var uSum = new double[m, m];
        var vSum = new double[m, m];
        double jSum = 0;
        for (int stripe = 0; stripe < Stripes; stripe++)
        {
            for (int p = 0; p < pairs.Count; p++)
            {
                uSum[pairs[p].A, pairs[p].B] += partialU[stripe][p];
                vSum[pairs[p].A, pairs[p].B] += partialV[stripe][p];
            }
            jSum += partialJ[stripe];
        }
        if (joint is not null)
            jSum += n * Math.Pow(c, joint.Length); // the U-centred diagonal is 0
        if (wantV)
        {
            // Diagonal of the double-centred matrices: A_ii = -2 r_i / n + T / n^2.
            foreach (var (a, b) in pairs)
                for (int i = 0; i < n; i++)
                    vSum[a, b] += (-2 * rowSums[a][i] * vScale + totals[a] / ((double)n * n))
                                  * (-2 * rowSums[b][i] * vScale + totals[b] / ((double)n * n));
        }
        for (int a = 0; a < m; a++)
            for (int b = 0; b < m; b++)
                if (a > b)
                {
                    uSum[a, b] = uSum[b, a];
                    vSum[a, b] = vSum[b, a];
                }
        return (uSum, vSum, jSum);
    }

    private static List<(int, int)> AllPairs(int m)
    {
        var pairs = new List<(int, int)>();
        for (int a = 0; a < m; a++)
            for (int b = a; b < m; b++)
                pairs.Add((a, b));
        return pairs;
    }

    private static double[][] NewRows(int m, int n)
    {
        var rows = new double[m][];
        for (int v = 0; v < m; v++) rows[v] = new double[n];
        return rows;
    }

    /// <summary>Distances from row i to rows i+1 .. n-1 of every variable into rows[v][0 .. len); composites from their parts.</summary>
    private static void RawDistances(double[][] columns, IReadOnlyList<DistanceVariable> variables, int i, double[][] rows, int len)
    {
        for (int v = 0; v < variables.Count; v++)
            if (variables[v].Parts is null)
                Distances(columns, variables[v], i, rows[v].AsSpan(0, len));
        for (int v = 0; v < variables.Count; v++)
        {
            if (variables[v].Parts is not { } parts) continue;
            var d = rows[v].AsSpan(0, len);
            d.Clear();
            foreach (int part in parts)
            {
                var pd = rows[part].AsSpan(0, len);
                for (int k = 0; k < len; k++) d[k] += pd[k] * pd[k];
            }
            for (int k = 0; k < len; k++) d[k] = Math.Sqrt(d[k]);
        }
    }

    /// <summary>Distances from row <paramref name="i"/> to rows i+1 .. n-1 of one variable.</summary>
    internal static void Distances(double[][] columns, DistanceVariable variable, int i, Span<double> destination)
    {
        int start = i + 1;
        if (variable.Width == 1)
        {
            var col = columns[variable.Offset];
            double xi = col[i];
            var src = col.AsSpan(start, destination.Length);
            int k = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var vxi = new Vector<double>(xi);
                for (; k <= src.Length - Vector<double>.Count; k += Vector<double>.Count)
                    Vector.Abs(new Vector<double>(src[k..]) - vxi).CopyTo(destination[k..]);
            }
            for (; k < src.Length; k++) destination[k] = Math.Abs(src[k] - xi);
            return;
        }
        destination.Clear();
        for (int c = variable.Offset; c < variable.Offset + variable.Width; c++)
        {
            var col = columns[c];
            double xi = col[i];
            var src = col.AsSpan(start, destination.Length);
            int k = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var vxi = new Vector<double>(xi);
                for (; k <= src.Length - Vector<double>.Count; k += Vector<double>.Count)
                {
                    var diff = new Vector<double>(src[k..]) - vxi;
                    (new Vector<double>(destination[k..]) + diff * diff).CopyTo(destination[k..]);
                }
            }
            for (; k < src.Length; k++) destination[k] += (src[k] - xi) * (src[k] - xi);
        }
        int t = 0;
        if (Vector.IsHardwareAccelerated)
            for (; t <= destination.Length - Vector<double>.Count; t += Vector<double>.Count)
                Vector.SquareRoot(new Vector<double>(destination[t..])).CopyTo(destination[t..]);
        for (; t < destination.Length; t++) destination[t] = Math.Sqrt(destination[t]);
    }

    /// <summary>out[k] = d[k] - scale * r[k] + constant (in place allowed).</summary>
    private static void Center(ReadOnlySpan<double> d, ReadOnlySpan<double> r, double scale, double constant, Span<double> output)
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vs = new Vector<double>(scale);
            var vc = new Vector<double>(constant);
            for (; k <= d.Length - Vector<double>.Count; k += Vector<double>.Count)
                (new Vector<double>(d[k..]) - vs * new Vector<double>(r[k..]) + vc).CopyTo(output[k..]);
        }
        for (; k < d.Length; k++) output[k] = d[k] - scale * r[k] + constant;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int k = 0;
        double s = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var acc = Vector<double>.Zero;
            for (; k <= a.Length - Vector<double>.Count; k += Vector<double>.Count)
                acc += new Vector<double>(a[k..]) * new Vector<double>(b[k..]);
            s = Vector.Sum(acc);
        }
        for (; k < a.Length; k++) s += a[k] * b[k];
        return s;
    }
}
