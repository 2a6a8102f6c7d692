using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MLNetExtensions.Models;

/// <summary>
/// A multilayer perceptron with built-in input standardisation and output rescaling (both stored as buffers,
/// so they travel with the weights), and dropout drawn from an explicit generator for reproducibility.
/// </summary>
public sealed class MlpNetwork : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Linear> _layers;
    private readonly Tensor _inputShift;
    private readonly Tensor _inputScale;
    private readonly Tensor _outputShift;
    private readonly Tensor _outputScale;

    /// <summary>Creates the network directly on <paramref name="device"/> (so buffers never move).</summary>
    public MlpNetwork(int inputSize, IReadOnlyList<int> hiddenLayers, int outputSize, MlpActivation activation, double dropout, Device device)
        : base(nameof(MlpNetwork))
    {
        if (inputSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "The input size must be positive.");
        if (outputSize <= 0) throw new ArgumentOutOfRangeException(nameof(outputSize), outputSize, "The output size must be positive.");
        if (hiddenLayers.Any(h => h <= 0))
            throw new ArgumentOutOfRangeException(nameof(hiddenLayers), string.Join(",", hiddenLayers), "HiddenLayers sizes must be positive.");
        if (!(dropout >= 0 && dropout < 1))
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Dropout must be in [0, 1).");
        InputSize = inputSize;
        OutputSize = outputSize;
        Activation = activation;
        Dropout = dropout;
        _layers = new ModuleList<Linear>();
        int previous = inputSize;
        foreach (int width in hiddenLayers.Append(outputSize))
        {
            _layers.Add(nn.Linear(previous, width, hasBias: true, device: device));
            previous = width;
        }
        register_module("layers", _layers);
        _inputShift = zeros(inputSize, device: device);
        _inputScale = ones(inputSize, device: device);
        _outputShift = zeros(outputSize, device: device);
        _outputScale = ones(outputSize, device: device);
        register_buffer("input_shift", _inputShift);
        register_buffer("input_scale", _inputScale);
        register_buffer("output_shift", _outputShift);
        register_buffer("output_scale", _outputScale);
    }

    /// <summary>Number of input features.</summary>
    public int InputSize { get; }

    /// <summary>Number of outputs (1 for binary and regression, the class count for multiclass).</summary>
    public int OutputSize { get; }

    /// <summary>
    /// The output layer's shift [OutputSize] (<see cref="Predict"/> is <c>forward(x) * OutputScale + OutputShift</c>),
    /// for custom losses that work in the label's units; the network's own buffer, to read, not to modify.
    /// </summary>
    public Tensor OutputShift => _outputShift;

    /// <summary>The output layer's scale [OutputSize]; the network's own buffer, to read, not to modify.</summary>
    public Tensor OutputScale => _outputScale;

    /// <summary>Hidden-layer non-linearity.</summary>
    public MlpActivation Activation { get; }

    /// <summary>Dropout probability after each hidden layer (training only).</summary>
    public double Dropout { get; }

    /// <summary>Generator for dropout masks while training; set by the trainer.</summary>
    public Generator? DropoutGenerator { get; set; }

    /// <summary>Re-initialises every layer like PyTorch's <c>nn.Linear</c> (U(-1/sqrt(fan_in), 1/sqrt(fan_in))), from <paramref name="generator"/>.</summary>
    public void Initialize(Generator generator)
    {
        using var noGrad = no_grad();
        foreach (var layer in _layers)
        {
            double bound = 1.0 / Math.Sqrt(layer.weight!.shape[1]);
            // Tensor.uniform_ rather than nn.init.uniform_: TorchSharp 0.107's init ignores its generator argument.
            layer.weight.uniform_(-bound, bound, generator);
            layer.bias!.uniform_(-bound, bound, generator);
        }
    }

    /// <summary>Sets input standardisation <c>(x - shift) * scale</c> and output rescaling <c>y * scale + shift</c>.</summary>
    public void SetScaling(float[] inputShift, float[] inputScale, float[] outputShift, float[] outputScale)
    {
        using var noGrad = no_grad();
        Copy(_inputShift, inputShift);
        Copy(_inputScale, inputScale);
        Copy(_outputShift, outputShift);
        Copy(_outputScale, outputScale);
    }

    private static void Copy(Tensor destination, float[] values)
    {
        if (values.Length != destination.shape[0])
            throw new ArgumentException($"Expected {destination.shape[0]} scaling values, got {values.Length}.");
        using var source = tensor(values).to(destination.device);
        destination.copy_(source);
    }

    /// <summary>Network output in the training space (logits; standardised targets for regression).</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = (input - _inputShift) * _inputScale;
        for (int i = 0; i < _layers.Count; i++)
        {
            x = _layers[i].forward(x);
            if (i == _layers.Count - 1)
                break;
            x = Activation switch
            {
                MlpActivation.ReLU => F.relu(x),
                MlpActivation.LeakyReLU => F.leaky_relu(x, 0.01),
                MlpActivation.Tanh => tanh(x),
                MlpActivation.Gelu => F.gelu(x),
                MlpActivation.Silu => F.silu(x),
                _ => throw new InvalidOperationException($"Unknown activation {Activation}."),
            };
            if (training && Dropout > 0)
                x = ApplyDropout(x);
        }
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>Output in the label's units: <c>forward(x) * output_scale + output_shift</c>.</summary>
    public Tensor Predict(Tensor input)
    {
        using var scope = NewDisposeScope();
        return (forward(input) * _outputScale + _outputShift).MoveToOuterDisposeScope();
    }

    private Tensor ApplyDropout(Tensor x)
    {
        var keep = rand(x.shape, dtype: x.dtype, device: x.device, generator: DropoutGenerator) >= Dropout;
        return x * keep / (1 - Dropout);
    }
}
