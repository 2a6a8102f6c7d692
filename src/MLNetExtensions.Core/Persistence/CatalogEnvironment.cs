using System.Reflection;
using Microsoft.ML;
using MLNetExtensions.Torch;
using static TorchSharp.torch;

namespace MLNetExtensions.Persistence;

/// <summary>
/// Reads GpuDeviceId / FallbackToCpu from the environment behind an ML.NET catalog. ML.NET keeps that environment
/// internal, so this looks the two properties up by name and falls back to the CPU when they cannot be read.
/// </summary>
internal static class CatalogEnvironment
{
    public static Device SelectDevice(ModelOperationsCatalog catalog)
    {
        var env = typeof(ModelOperationsCatalog).GetField("_env", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(catalog);
        if (env is null)
            return CPU;
        var type = env.GetType();
        var gpu = FindProperty(type, nameof(MLContext.GpuDeviceId))?.GetValue(env) as int?;
        var fallback = FindProperty(type, nameof(MLContext.FallbackToCpu))?.GetValue(env) as bool? ?? true;
        return TorchDevice.Select(gpu, fallback, gpu is not null && TorchNative.IsCudaAvailable());
    }

    private static PropertyInfo? FindProperty(Type type, string name)
    {
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        return type.GetProperty(name, flags)
            ?? type.GetInterfaces().Select(i => i.GetProperty(name, flags)).FirstOrDefault(p => p is not null);
    }
}
