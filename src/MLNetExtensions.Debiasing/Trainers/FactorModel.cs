using MLNetExtensions.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetExtensions.Debiasing.Trainers;

/// <summary>
/// A matrix factorisation logit(u, i) = &lt;W_u, H_i&gt;, the one model shape used for prediction, balancing weights and
/// imputation, so every method shares the predictor, its initialisation and its optimiser.
/// </summary>
internal sealed class FactorModel : IDisposable
{
    public FactorModel(int userCount, int itemCount, int factors, EmbeddingInitialization initialization, double scale, TorchRandom random)
    {
        UserFactors = new Parameter(Initialize(torch.empty(userCount, factors, device: random.Device), initialization, scale, random));
        ItemFactors = new Parameter(Initialize(torch.empty(itemCount, factors, device: random.Device), initialization, scale, random));
    }

    public Parameter UserFactors { get; }

    public Parameter ItemFactors { get; }

    public IEnumerable<Parameter> Parameters => new[] { UserFactors, ItemFactors };

    /// <summary>Logits for index pairs (int64 tensors of equal length).</summary>
    public Tensor Logits(Tensor users, Tensor items) =>
        (UserFactors.index_select(0, users) * ItemFactors.index_select(0, items)).sum(1);

    /// <summary>
    /// Adam over the factors, without its own weight decay: the L2 term is <see cref="BatchPenalty"/>, added to the loss.
    /// Why: Adam's weight_decay (the reference's) adds wd x theta to the gradient of EVERY row each step, and Adam rescales
    /// a gradient that holds only that term to a full-size step, so rows absent from the batch shrink at the learning rate;
    /// on Coat this pulled every method's predictions to about 0.5 (MSE 0.248 for all, KB methods collapsing to exactly 0.5).
    /// </summary>
    public optim.Optimizer CreateOptimizer(double learningRate) => optim.Adam(Parameters, lr: learningRate);

    /// <summary>The L2 penalty weightDecay x mean over the batch of (||W_u||^2 + ||H_i||^2): only the rows the batch touches.</summary>
    public Tensor BatchPenalty(Tensor users, Tensor items, double weightDecay) =>
        (UserFactors.index_select(0, users).square().sum(1) + ItemFactors.index_select(0, items).square().sum(1)).mean() * weightDecay;

    /// <summary>The factors as flat row-major float arrays (users x k, items x k).</summary>
    public (float[] Users, float[] Items) Export()
    {
        using var u = UserFactors.detach().cpu().contiguous();
        using var i = ItemFactors.detach().cpu().contiguous();
        return (u.data<float>().ToArray(), i.data<float>().ToArray());
    }

    private static Tensor Initialize(Tensor t, EmbeddingInitialization initialization, double scale, TorchRandom random)
    {
        // Tensor methods with the generator: TorchSharp 0.107's nn.init ignores its generator argument.
        using (torch.no_grad())
        {
            if (initialization == EmbeddingInitialization.Normal)
                t.normal_(0, scale, random.Generator);
            else
                t.uniform_(0, scale, random.Generator);
        }
        return t;
    }

    public void Dispose()
    {
        UserFactors.Dispose();
        ItemFactors.Dispose();
    }
}
