using MLNetExtensions.Data;
using MLNetExtensions.Debiasing.Data;

namespace MLNetExtensions.Debiasing.Propensity;

/// <summary>
/// Logistic propensity on log popularity, a fallback without MAR labels:
/// P(O=1|u,i) = sigmoid(w0 + w_user log(1 + n_u) + w_item log(1 + n_i)), n_u and n_i the observed cells of the user and
/// the item, fitted by maximum likelihood over ALL user-item pairs (observed = 1, unobserved = 0). The all-pairs
/// likelihood is summed over the distinct (n_u, n_i) levels, so no pair is materialised. A feature that is constant
/// (e.g. every Coat user has 24 ratings) carries no information and keeps weight 0. Like the popularity model it
/// ignores the label, so it corrects popularity/activity bias only.
/// </summary>
public sealed class LogisticPropensityModel : PropensityModel
{
    private readonly int[] _userCounts;
    private readonly int[] _itemCounts;

    internal LogisticPropensityModel(int[] userCounts, int[] itemCounts, double intercept, double userWeight, double itemWeight)
    {
        _userCounts = userCounts;
        _itemCounts = itemCounts;
        Intercept = intercept;
        UserWeight = userWeight;
        ItemWeight = itemWeight;
    }

    /// <inheritdoc/>
    public override PropensityModelKind Kind => PropensityModelKind.Logistic;

    /// <summary>w0.</summary>
    public double Intercept { get; }

    /// <summary>Weight of log(1 + n_u).</summary>
    public double UserWeight { get; }

    /// <summary>Weight of log(1 + n_i).</summary>
    public double ItemWeight { get; }

    /// <summary>Observed cells per user n_u.</summary>
    public IReadOnlyList<int> UserCounts => _userCounts;

    /// <summary>Observed cells per item n_i.</summary>
    public IReadOnlyList<int> ItemCounts => _itemCounts;

    internal override int KeyedUserCount => _userCounts.Length;

    internal override int KeyedItemCount => _itemCounts.Length;

    /// <summary>Fits by Newton's method with step halving (at most <paramref name="maxIterations"/> steps).</summary>
    public static LogisticPropensityModel Fit(InteractionTable observed, int maxIterations = 100)
    {
        ArgumentNullException.ThrowIfNull(observed);
        if (observed.Count == 0)
            throw new DataValidationException("The observed data has no rows: propensities need at least one observed cell.");
        if (observed.Count >= observed.PairCount)
            throw new DataValidationException("Every user-item pair is observed: there is no unobserved pair to fit a logistic propensity on.");
        var users = new int[observed.UserCount];
        var items = new int[observed.ItemCount];
        foreach (var u in observed.Users) users[u]++;
        foreach (var i in observed.Items) items[i]++;

        // Distinct levels: (feature value, how many users/items have it).
        var userLevels = users.GroupBy(n => n).Select(g => (X: Math.Log(1.0 + g.Key), Count: (double)g.Count())).ToArray();
        var itemLevels = items.GroupBy(n => n).Select(g => (X: Math.Log(1.0 + g.Key), Count: (double)g.Count())).ToArray();
        // Sum over observed pairs of the feature vector (1, a_u, b_i): constant across iterations.
        var observedSum = new[]
        {
            (double)observed.Count,
            users.Sum(n => n * Math.Log(1.0 + n)),
            items.Sum(n => n * Math.Log(1.0 + n)),
        };
        var active = new List<int> { 0 };
        if (userLevels.Length > 1) active.Add(1);
        if (itemLevels.Length > 1) active.Add(2);

        double rate = observed.Count / (double)observed.PairCount;
        var w = new[] { Math.Log(rate / (1 - rate)), 0.0, 0.0 };
        double ll = LogLikelihood(w, userLevels, itemLevels, observedSum);
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            var (gradient, hessian) = Derivatives(w, userLevels, itemLevels, observedSum);
            var step = Solve(active.Select(r => active.Select(c => hessian[r, c]).ToArray()).ToArray(), active.Select(r => gradient[r]).ToArray());
            double t = 1;
            double[] candidate;
            double candidateLl;
            while (true)
            {
                candidate = (double[])w.Clone();
                for (int k = 0; k < active.Count; k++) candidate[active[k]] += t * step[k];
                candidateLl = LogLikelihood(candidate, userLevels, itemLevels, observedSum);
                if (candidateLl >= ll - 1e-12 * Math.Abs(ll) || t < 1e-10) break;
                t /= 2;
            }
            double change = active.Select((_, k) => Math.Abs(t * step[k])).Max();
            w = candidate;
            ll = candidateLl;
            if (change < 1e-12) break;
        }
        return new LogisticPropensityModel(users, items, w[0], w[1], w[2]);
    }

    /// <inheritdoc/>
    public override double Propensity(int user, int item, float label)
    {
        if ((uint)user >= (uint)_userCounts.Length)
            throw new ArgumentOutOfRangeException(nameof(user), user, $"User index {user} is outside the {_userCounts.Length} users the model was fitted on.");
        if ((uint)item >= (uint)_itemCounts.Length)
            throw new ArgumentOutOfRangeException(nameof(item), item, $"Item index {item} is outside the {_itemCounts.Length} items the model was fitted on.");
        double z = Intercept + UserWeight * Math.Log(1.0 + _userCounts[user]) + ItemWeight * Math.Log(1.0 + _itemCounts[item]);
        return 1.0 / (1.0 + Math.Exp(-z));
    }

    // Sum_O z - Sum_D log(1 + e^z), with z = w . (1, a, b).
    private static double LogLikelihood(double[] w, (double X, double Count)[] userLevels, (double X, double Count)[] itemLevels, double[] observedSum)
    {
        double ll = w[0] * observedSum[0] + w[1] * observedSum[1] + w[2] * observedSum[2];
        foreach (var (a, cu) in userLevels)
            foreach (var (b, ci) in itemLevels)
            {
                double z = w[0] + w[1] * a + w[2] * b;
                ll -= cu * ci * (z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z)));
            }
        return ll;
    }

    private static (double[] Gradient, double[,] Hessian) Derivatives(double[] w, (double X, double Count)[] userLevels,
        (double X, double Count)[] itemLevels, double[] observedSum)
    {
        var gradient = (double[])observedSum.Clone();
        var hessian = new double[3, 3];
        Span<double> x = stackalloc double[3];
        foreach (var (a, cu) in userLevels)
            foreach (var (b, ci) in itemLevels)
            {
                x[0] = 1; x[1] = a; x[2] = b;
                double p = 1.0 / (1.0 + Math.Exp(-(w[0] + w[1] * a + w[2] * b)));
                double n = cu * ci;
                for (int r = 0; r < 3; r++)
                {
                    gradient[r] -= n * p * x[r];
                    for (int c = 0; c < 3; c++)
                        hessian[r, c] += n * p * (1 - p) * x[r] * x[c];
                }
            }
        return (gradient, hessian);
    }

    // Gaussian elimination with partial pivoting (at most 3 x 3).
    private static double[] Solve(double[][] a, double[] b)
    {
        int n = b.Length;
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++)
                if (Math.Abs(a[r][col]) > Math.Abs(a[pivot][col])) pivot = r;
            (a[col], a[pivot]) = (a[pivot], a[col]);
            (b[col], b[pivot]) = (b[pivot], b[col]);
            if (a[col][col] == 0)
                throw new InvalidOperationException("The logistic propensity fit met a singular Hessian (the observations separate the popularity levels).");
            for (int r = col + 1; r < n; r++)
            {
                double f = a[r][col] / a[col][col];
                for (int c = col; c < n; c++) a[r][c] -= f * a[col][c];
                b[r] -= f * b[col];
            }
        }
        var result = new double[n];
        for (int r = n - 1; r >= 0; r--)
        {
            double s = b[r];
            for (int c = r + 1; c < n; c++) s -= a[r][c] * result[c];
            result[r] = s / a[r][r];
        }
        return result;
    }
}
