using Microsoft.ML;
using TorchSharp;

namespace MLNetExtensions.Torch;

/// <summary>
/// Chooses the Torch device for an <see cref="MLContext"/>, honouring <see cref="MLContext.GpuDeviceId"/> and
/// <see cref="MLContext.FallbackToCpu"/> the way Microsoft.ML.TorchSharp does.
/// </summary>
public static class TorchDevice
{
    /// <summary>
    /// CUDA device <c>GpuDeviceId</c> when it is set and CUDA is available; the CPU when it is not set;
    /// the CPU when it is set, CUDA is unavailable and <c>FallbackToCpu</c> is true; otherwise an error.
    /// </summary>
    /// <exception cref="InvalidOperationException">A GPU was asked for, none is usable and fallback is off.</exception>
    public static torch.Device Select(MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return Select(mlContext.GpuDeviceId, mlContext.FallbackToCpu, TorchNative.IsCudaAvailable());
    }

    /// <summary>The selection rule with its inputs explicit (testable without a GPU).</summary>
    internal static torch.Device Select(int? gpuDeviceId, bool fallbackToCpu, bool cudaAvailable)
    {
        if (gpuDeviceId is null)
            return torch.CPU;
        if (gpuDeviceId < 0)
            throw new ArgumentOutOfRangeException(nameof(gpuDeviceId), gpuDeviceId,
                "MLContext.GpuDeviceId must be a non-negative CUDA device index.");
        if (cudaAvailable)
        {
            int count = torch.cuda.device_count();
            if (gpuDeviceId < count)
                return new torch.Device(DeviceType.CUDA, gpuDeviceId.Value);
            if (!fallbackToCpu)
                throw new InvalidOperationException(
                    $"MLContext.GpuDeviceId is {gpuDeviceId} but only {count} CUDA device(s) are visible, and MLContext.FallbackToCpu is false.");
            return torch.CPU;
        }
        if (fallbackToCpu)
            return torch.CPU;
        throw new InvalidOperationException(
            $"MLContext.GpuDeviceId is {gpuDeviceId} but CUDA is not available (this build uses the '{TorchNative.BackendDescription}' " +
            "libtorch backend or no GPU/driver is present) and MLContext.FallbackToCpu is false. Set FallbackToCpu = true to run on the CPU, " +
            "or build with -p:TorchBackend=cuda on a machine with an NVIDIA GPU.");
    }

    /// <summary>Parses a device string stored in a model ("cpu", "cuda:0").</summary>
    internal static torch.Device Parse(string device) => new(device);
}
