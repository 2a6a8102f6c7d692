using Microsoft.ML;
using MLNetExtensions.Torch;
using MLNetExtensions.Trainers;
using TorchSharp;
using Xunit;

namespace MLNetExtensions.Tests.Core.Torch;

public class TorchDeviceTests
{
    [Fact]
    public void NoGpuRequestedMeansCpu() => Assert.Equal(DeviceType.CPU, TorchDevice.Select(null, false, cudaAvailable: true).type);

    [Fact]
    public void GpuRequestedWithoutCudaAndNoFallbackThrows()
    {
        var e = Assert.Throws<InvalidOperationException>(() => TorchDevice.Select(0, fallbackToCpu: false, cudaAvailable: false));
        Assert.Contains("FallbackToCpu", e.Message);
    }

    [Fact]
    public void GpuRequestedWithoutCudaFallsBackWhenAllowed() =>
        Assert.Equal(DeviceType.CPU, TorchDevice.Select(0, fallbackToCpu: true, cudaAvailable: false).type);

    [Fact]
    public void TrainerHonoursMlContextGpuSettings()
    {
        if (torch.cuda.is_available())
            return; // On a CUDA machine the request is honoured instead; covered by the device check script.
        var ml = new MLContext(1) { GpuDeviceId = 0, FallbackToCpu = false };
        var data = ml.Data.LoadFromEnumerable(TestData.Ring(10, 1));
        var e = Assert.Throws<InvalidOperationException>(() => ml.Torch().MlpBinaryClassifier(numberOfEpochs: 1).Fit(data));
        Assert.Contains("GpuDeviceId is 0", e.Message);

        ml.FallbackToCpu = true;
        var model = ml.Torch().MlpBinaryClassifier(numberOfEpochs: 1).Fit(data);
        Assert.Equal(DeviceType.CPU, model.Device.type);
    }
}
