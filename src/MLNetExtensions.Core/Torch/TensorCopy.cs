using TorchSharp;
using static TorchSharp.torch;

namespace MLNetExtensions.Torch;

/// <summary>Copies between managed spans and tensors (never aliasing managed memory that the caller reuses).</summary>
public static class TensorCopy
{
    /// <summary>A new float32 tensor of <paramref name="shape"/> holding a copy of <paramref name="values"/>, on <paramref name="device"/>.</summary>
    public static Tensor FromSpan(ReadOnlySpan<float> values, long[] shape, Device device)
    {
        var cpu = torch.empty(shape, ScalarType.Float32);
        using (var accessor = cpu.data<float>())
            accessor.CopyFrom(values, 0, 0);
        if (device.type == DeviceType.CPU)
            return cpu;
        using (cpu)
            return cpu.to(device);
    }

    /// <summary>Copies a float32 tensor's values (moved to the CPU and made contiguous if needed) into <paramref name="destination"/>.</summary>
    public static void ToSpan(Tensor tensor, Span<float> destination)
    {
        using var scope = NewDisposeScope();
        var cpu = tensor.device.type == DeviceType.CPU ? tensor : tensor.cpu();
        if (cpu.dtype != ScalarType.Float32)
            cpu = cpu.to_type(ScalarType.Float32);
        if (!cpu.is_contiguous())
            cpu = cpu.contiguous();
        using var accessor = cpu.data<float>();
        accessor.CopyTo(destination, 0, 0);
    }
}
