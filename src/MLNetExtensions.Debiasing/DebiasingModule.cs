using System.Runtime.CompilerServices;
using MLNetExtensions.Debiasing.Propensity;
using MLNetExtensions.Persistence;

namespace MLNetExtensions.Debiasing;

/// <summary>Registers this assembly's savable component kinds when the assembly loads.</summary>
internal static class DebiasingModule
{
    // The serializer runs this module constructor by the assembly's fixed name when it meets an unknown kind.
    // CA2255 warns library authors off module initialisers; here it is the registry's documented hook, and it only
    // adds a loader to a dictionary.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register()
    {
        ComponentRegistry.Register(PropensityTransformer.Kind, PropensityTransformer.Load);
        ComponentRegistry.Register(Trainers.DebiasedMatrixFactorizationTransformer.Kind, Trainers.DebiasedMatrixFactorizationTransformer.Load);
    }
}
