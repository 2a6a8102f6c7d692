using MLNetExtensions.Trainers;

namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>The outcome of CaPE fine-tuning: the selected model and the per-epoch record.</summary>
public sealed class CapeResult
{
    internal CapeResult(TorchMlpTransformer model, IReadOnlyList<CapeEpoch> epochs, int selectedEpoch)
    {
        Model = model;
        Epochs = epochs;
        SelectedEpoch = selectedEpoch;
    }

    /// <summary>The fine-tuned MLP (weights of <see cref="SelectedEpoch"/>); saves and loads like any Torch MLP.</summary>
    public TorchMlpTransformer Model { get; }

    /// <summary>Epoch 0 (the starting model) and every fine-tuning epoch.</summary>
    public IReadOnlyList<CapeEpoch> Epochs { get; }

    /// <summary>The epoch with the lowest validation log loss (0 when no epoch beat the starting model).</summary>
    public int SelectedEpoch { get; }
}
