using System.Numerics;

namespace MLNetExtensions.Fairness.Metrics.Distance;

/// <summary>
/// Distance covariances of several variables at once, in O(n^2) time and O(m n) memory (m variables): distance
/// matrices are never stored. Pass 1 accumulates each variable's distance row sums; pass 2 recomputes each row of
/// distances, centres it from the row sums (U-centring with 1/(n-2), V-centring with 1/n) and accumulates every
/// pairwise product sum and the JdCov product. Rows are processed one at a time with vectorised loops over j > i
/// (the matrices are symmetric; the diagonal is added separately: 0 for U-centred matrices).
/// Columns are stored column-major: <c>columns[c][i]</c>.
/// </summary>
internal static class DistanceCovarianceEngine
{
    /// <summary>Row sums of each variable's distance matrix.</summary>
    public static double[][] RowSums(double[][] columns, IReadOnlyList<DistanceVariable> variables)
    {
        int n = columns[0].Length, m = variables.Count;
        var sums = new double[m][];
        var row = new double[n];
        for (int v = 0; v < m; v++)
        {
            var s = sums[v] = new double[n];
            for (int i = 0; i < n - 1; i++)
            {
                var d = row.AsSpan(i + 1);
                Distances(columns, variables[v], i, d);
                double acc = 0;
                for (int k = 0; k < d.Length; k++)
                {
                    acc += d[k];
                    s[i + 1 + k] += d[k];
                }
                s[i] += acc;
            }
        }
        return sums;
    }

    /// <summary>
    /// Unnormalised sums: <c>U[a, b] = sum_{i != j} A~_ij B~_ij</c> (U-centred), <c>V[a, b] = sum_{i, j} A_ij B_ij</c>
    /// (double-centred), and, over <paramref name="joint"/> variables, <c>J = sum_{i, j} prod_l (c - A~^l_ij)</c>.
    /// </summary>
    public static (double[,] U, double[,] V, double J) ProductSums(double[][] columns, IReadOnlyList<DistanceVariable> variables,
        double[][] rowSums, bool wantV, int[]? joint, double c)
    {
        int n = columns[0].Length, m = variables.Count;
        var totals = rowSums.Select(s => s.Sum()).ToArray();
        double uScale = 1.0 / (n - 2), vScale = 1.0 / n;
        var uRows = new double[m][];
        var vRows = new double[m][];
        for (int v = 0; v < m; v++)
        {
            uRows[v] = new double[n];
            vRows[v] = new double[n];
        }
        var u = new double[m, m];
        var vv = new double[m, m];
        var product = new double[n];
        double jointSum = 0;
        for (int i = 0; i < n - 1; i++)
        {
            int len = n - 1 - i;
            for (int v = 0; v < m; v++)
            {
                var d = uRows[v].AsSpan(i + 1, len);
                Distances(columns, variables[v], i, d);
                var r = rowSums[v];
                double uConst = totals[v] / ((double)(n - 1) * (n - 2)) - r[i] * uScale;
                if (wantV)
                {
                    double vConst = totals[v] / ((double)n * n) - r[i] * vScale;
                    var dv = vRows[v].AsSpan(i + 1, len);
                    Center(d, r.AsSpan(i + 1, len), vScale, vConst, dv);
                }
                Center(d, r.AsSpan(i + 1, len), uScale, uConst, d);
            }
            for (int a = 0; a < m; a++)
                for (int b = a; b < m; b++)
                {
                    u[a, b] += 2 * Dot(uRows[a].AsSpan(i + 1, len), uRows[b].AsSpan(i + 1, len));
                    if (wantV) vv[a, b] += 2 * Dot(vRows[a].AsSpan(i + 1, len), vRows[b].AsSpan(i + 1, len));
                }
            if (joint is not null)
            {
                var p = product.AsSpan(i + 1, len);
                p.Fill(1);
                foreach (int l in joint)
                {
                    var ul = uRows[l].AsSpan(i + 1, len);
                    for (int k = 0; k < len; k++) p[k] *= c - ul[k];
                }
                double s = 0;
                foreach (var x in p) s += x;
                jointSum += 2 * s;
            }
        }
        if (joint is not null)
            jointSum += n * Math.Pow(c, joint.Length); // the U-centred diagonal is 0
        if (wantV)
        {
            // Diagonal of the double-centred matrices: A_ii = -2 r_i / n + T / n^2.
            for (int i = 0; i < n; i++)
                for (int a = 0; a < m; a++)
                {
                    double ai = -2 * rowSums[a][i] * vScale + totals[a] / ((double)n * n);
                    for (int b = a; b < m; b++)
                        vv[a, b] += ai * (-2 * rowSums[b][i] * vScale + totals[b] / ((double)n * n));
                }
        }
        for (int a = 0; a < m; a++)
            for (int b = 0; b < a; b++)
            {
                u[a, b] = u[b, a];
                vv[a, b] = vv[b, a];
            }
        return (u, vv, jointSum);
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
