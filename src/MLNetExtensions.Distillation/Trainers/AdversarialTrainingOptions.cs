using MLNetExtensions.Distillation.Adversarial;
using MLNetExtensions.Trainers;

namespace MLNetExtensions.Distillation.Trainers;

/// <summary>Options of <see cref="AdversarialTrainer"/>: PGD adversarial training of a Torch MLP (Madry et al.).</summary>
public sealed class AdversarialTrainingOptions
{
    /// <summary>The MLP (columns, layers, epochs, seed, ...). Default <see cref="TorchMlpOptions"/>'s defaults.</summary>
    public TorchMlpOptions Network = new();

    /// <summary>The attack crafted against the network at every step. Default <see cref="PgdOptions"/>'s (epsilon 0.1, 10 steps).</summary>
    public PgdOptions Attack = new();

    /// <summary>
    /// Weight beta of the clean term: L = (1 - beta) CE(y, S(x')) + beta CE(y, S(x)), beta in [0, 1]. Default 0
    /// (Madry's pure adversarial training).
    /// </summary>
    public double NaturalWeight;

    /// <summary>A copy (nested options cloned).</summary>
    public AdversarialTrainingOptions Clone()
    {
        var copy = (AdversarialTrainingOptions)MemberwiseClone();
        copy.Network = Network.Clone();
        copy.Attack = Attack.Clone();
        return copy;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (Network is null) throw new ArgumentOutOfRangeException(nameof(Network), null, "AdversarialTrainingOptions.Network must be set.");
        if (Attack is null) throw new ArgumentOutOfRangeException(nameof(Attack), null, "AdversarialTrainingOptions.Attack must be set.");
        Network.Validate();
        Attack.Validate();
        if (!(NaturalWeight >= 0 && NaturalWeight <= 1))
            throw new ArgumentOutOfRangeException(nameof(NaturalWeight), NaturalWeight, "AdversarialTrainingOptions.NaturalWeight must be in [0, 1].");
    }
}
