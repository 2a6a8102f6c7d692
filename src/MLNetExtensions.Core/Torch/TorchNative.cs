using TorchSharp;

namespace MLNetExtensions.Torch;

/// <summary>
/// Loads libtorch once and turns a missing or incompatible native library into an error that says what to do.
/// </summary>
internal static class TorchNative
{
    private static readonly Lazy<Exception?> LoadError = new(TryLoad, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>"cpu" or "cuda", from which native package the application loaded.</summary>
    internal static string BackendDescription => IsCudaAvailable() ? "cuda" : "cpu";

    /// <summary>Throws a descriptive exception when libtorch cannot be loaded.</summary>
    internal static void EnsureLoaded()
    {
        if (LoadError.Value is { } error)
            throw new InvalidOperationException(
                "TorchSharp's native library (libtorch) could not be loaded. The application must reference TorchSharp-cpu " +
                "(or TorchSharp-cuda-linux), and on Debian 12 libstdc++ must provide GLIBCXX_3.4.32 (GCC 13+): run scripts/setup.sh. " +
                "Inner error: " + error.Message, error);
    }

    internal static bool IsCudaAvailable()
    {
        EnsureLoaded();
        return torch.cuda.is_available();
    }

    private static Exception? TryLoad()
    {
        try
        {
            // Any call into libtorch forces the native load.
            using var probe = torch.zeros(1);
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or NotSupportedException or InvalidOperationException)
        {
            return e;
        }
    }
}
