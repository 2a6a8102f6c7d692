using Microsoft.ML;

namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// Fits matrix scaling by minimising the negative log-likelihood of softmax(W z + b) with Newton's method on the
/// K(K + 1) parameters (convex objective; dense Hessian, so the cost per iteration is O(n K^4): meant for a handful
/// of classes). An L2 penalty of 1e-8 pulls W towards the identity and b towards 0; it only removes the softmax's
/// invariances (adding one vector to every row of W, or one constant to b) and keeps the parameters finite.
/// Starts from W = I, b = 0 (the identity).
/// </summary>
public sealed class MatrixScalingEstimator : MulticlassCalibratorEstimator<MatrixScalingTransformer>
{
    private const double Ridge = 1e-8;

    internal MatrixScalingEstimator(MLContext mlContext, MulticlassCalibratorOptions options)
        : base(mlContext, options)
    {
    }

    private protected override MatrixScalingTransformer FitCore(double[] logits, int[] labels, string[] classNames)
    {
        int k = classNames.Length, n = labels.Length, m = k + 1, size = k * m;
        var x = new double[m];
        var s = new double[k];
        var p = new double[k];
        // Parameter (c, d) = row c of [W | b] times x = [z, 1]; index c * m + d. Gradient (p_c - y_c) x_d;
        // Hessian (delta_cc' p_c - p_c p_c') x_d x_d'.
        double Objective(double[] w, double[] gradient, double[,] hessian)
        {
            Array.Clear(gradient);
            Array.Clear(hessian);
            double loss = 0;
            for (int i = 0; i < n; i++)
            {
                logits.AsSpan(i * k, k).CopyTo(x);
                x[k] = 1;
                for (int c = 0; c < k; c++)
                {
                    double v = 0;
                    for (int d = 0; d < m; d++) v += w[c * m + d] * x[d];
                    s[c] = v;
                }
                MulticlassCalibratorTransformer.Softmax(s, p);
                int y = labels[i];
                loss -= Math.Log(Math.Max(p[y], 1e-300));
                for (int c = 0; c < k; c++)
                {
                    double r = p[c] - (c == y ? 1 : 0);
                    for (int d = 0; d < m; d++) gradient[c * m + d] += r * x[d];
                    for (int c2 = 0; c2 <= c; c2++)
                    {
                        double cov = (c == c2 ? p[c] : 0) - p[c] * p[c2];
                        if (cov == 0) continue;
                        for (int d = 0; d < m; d++)
                        {
                            double left = cov * x[d];
                            for (int d2 = 0; d2 < m; d2++)
                                hessian[c * m + d, c2 * m + d2] += left * x[d2];
                        }
                    }
                }
            }
            loss /= n;
            for (int a = 0; a < size; a++)
            {
                gradient[a] /= n;
                for (int b = 0; b < size; b++)
                {
                    // Only the blocks with c2 <= c were accumulated: mirror them.
                    if (a / m >= b / m) hessian[a, b] /= n;
                }
            }
            for (int a = 0; a < size; a++)
                for (int b = 0; b < size; b++)
                    if (a / m < b / m) hessian[a, b] = hessian[b, a];
            for (int c = 0; c < k; c++)
            {
                for (int d = 0; d < m; d++)
                {
                    int a = c * m + d;
                    double target = c == d ? 1 : 0;
                    double delta = w[a] - target;
                    loss += 0.5 * Ridge * delta * delta;
                    gradient[a] += Ridge * delta;
                    hessian[a, a] += Ridge;
                }
            }
            return loss;
        }
        var start = new double[size];
        for (int c = 0; c < k; c++) start[c * m + c] = 1;
        var w = NewtonMinimizer.Minimize(Objective, start);
        var weights = new double[k * k];
        var biases = new double[k];
        for (int c = 0; c < k; c++)
        {
            for (int d = 0; d < k; d++) weights[c * k + d] = w[c * m + d];
            biases[c] = w[c * m + k];
        }
        double mean = biases.Average();
        for (int c = 0; c < k; c++) biases[c] -= mean;
        return new MatrixScalingTransformer(Options, classNames, weights, biases);
    }
}
