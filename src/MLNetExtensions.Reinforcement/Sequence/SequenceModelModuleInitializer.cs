using System.Runtime.CompilerServices;
using MLNetExtensions.Persistence;

namespace MLNetExtensions.Reinforcement.Sequence;

/// <summary>Registers the sequence model's component kind when the assembly loads.</summary>
internal static class SequenceModelModuleInitializer
{
    // The serializer runs this module constructor by the assembly's fixed name when it meets an unknown kind.
#pragma warning disable CA2255 // deliberate: the registry's documented hook; it only adds a loader to a dictionary
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => ComponentRegistry.Register(SequenceModelTransformer.Kind, SequenceModelTransformer.Load);
}
