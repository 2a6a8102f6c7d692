using System.IO.Compression;
using System.Text.Json;
using MLNetExtensions.Persistence;
using MLNetExtensions.Reinforcement.Policies;
using MLNetExtensions.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetExtensions.Reinforcement.Sequence;

/// <summary>
/// A tiny autoregressive transformer as a group policy: a prompt is a token sequence, an action is the next token, a
/// response is sampled token by token until <see cref="TransformerPolicyOptions.EndToken"/> (kept as the response's
/// last valid token) or <see cref="TransformerPolicyOptions.MaxResponseLength"/> tokens. Prompts may differ in length:
/// each row is laid out as prompt then response, and the next-token logits are read at each row's own positions, so
/// one causal forward pass scores every row.
/// </summary>
public sealed class TransformerSequencePolicy : IGroupPolicy<IReadOnlyList<int>>, IDisposable
{
    private const string FormatName = "MLNetExtensions.TransformerSequencePolicy";
    private const int FormatVersion = 1;

    /// <summary>Creates a freshly initialised policy (weights fixed by <see cref="TransformerPolicyOptions.Seed"/>).</summary>
    /// <param name="options">Architecture and sampling settings.</param>
    /// <param name="device">Where the parameters live; the CPU when null.</param>
    public TransformerSequencePolicy(TransformerPolicyOptions options, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Network = NewNetwork(options, device ?? torch.CPU);
    }

    private TransformerSequencePolicy(TinyTransformerNetwork network)
    {
        Network = network;
    }

    /// <summary>The transformer (owned by this policy).</summary>
    public TinyTransformerNetwork Network { get; }

    /// <inheritdoc />
    public nn.Module Module => Network;

    /// <inheritdoc />
    public int VocabularySize => Network.Settings.VocabularySize;

    /// <summary>The policy's settings (a copy).</summary>
    public TransformerPolicyOptions Options => Network.Options;

    /// <inheritdoc />
    public PolicyRollout Sample(IReadOnlyList<IReadOnlyList<int>> prompts, int groupSize, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        return Decode(prompts, groupSize, generator);
    }

    /// <summary>
    /// The most likely response to every prompt, choosing the arg-max token at each step (temperature does not change
    /// it). Each answer holds its valid tokens, the end token included when one was produced.
    /// </summary>
    public int[][] Greedy(IReadOnlyList<IReadOnlyList<int>> prompts)
    {
        using var rollout = GreedyRollout(prompts);
        return rollout.Responses();
    }

    /// <summary>The arg-max responses with their mask and per-token log-probabilities of softmax(logits / temperature).</summary>
    internal PolicyRollout GreedyRollout(IReadOnlyList<IReadOnlyList<int>> prompts) => Decode(prompts, 1, null);

    /// <summary>An independent copy of this policy (same options and weights) on the same device.</summary>
    public TransformerSequencePolicy Clone()
    {
        using var memory = new MemoryStream();
        Save(memory);
        memory.Position = 0;
        return Load(memory, Network.Device);
    }

    /// <inheritdoc />
    public (Tensor LogProbabilities, Tensor Entropy) Score(IReadOnlyList<IReadOnlyList<int>> prompts, Tensor tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ValidatePrompts(prompts);
        if (tokens.dim() != 2 || tokens.shape[0] != prompts.Count)
            throw new ArgumentException(
                $"Tokens must be [rows, steps] with one row per prompt ({prompts.Count}); got [{string.Join(", ", tokens.shape)}].", nameof(tokens));
        var steps = (int)tokens.shape[1];
        if (steps < 1)
            throw new ArgumentException("Tokens must hold at least one step.", nameof(tokens));
        using var scope = NewDisposeScope();
        var logits = ResponseLogits(prompts, tokens.to(ScalarType.Int64), steps);
        var logProbabilities = nn.functional.log_softmax(logits / Network.Settings.Temperature, -1);
        var index = tokens.to(ScalarType.Int64).to(Network.Device).unsqueeze(-1);
        var tokenLogProbabilities = logProbabilities.gather(-1, index).squeeze(-1);
        var entropy = -(logProbabilities.exp() * logProbabilities).sum(-1);
        return (tokenLogProbabilities.MoveToOuterDisposeScope(), entropy.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Untempered next-token logits [rows, steps, vocabulary] for teacher-forced responses: entry (i, t) predicts
    /// response token t of row i from its prompt and response tokens 0..t-1. One forward pass, with gradients.
    /// </summary>
    internal Tensor ResponseLogits(IReadOnlyList<IReadOnlyList<int>> prompts, Tensor tokens, int steps)
    {
        var lengths = prompts.Select(p => p.Count).ToArray();
        var width = lengths.Max() + steps - 1;
        if (width > Network.Settings.MaxLength)
            throw new ArgumentException(
                $"The longest prompt ({lengths.Max()} tokens) plus {steps} response steps exceeds MaxLength ({Network.Settings.MaxLength}).", nameof(tokens));
        using var cpuTokens = tokens.cpu();
        var responses = cpuTokens.data<long>().ToArray();
        var rows = prompts.Count;
        var layout = new long[rows * width];
        Array.Fill(layout, Network.Settings.EndToken);
        for (var row = 0; row < rows; row++)
        {
            var prompt = prompts[row];
            for (var t = 0; t < prompt.Count; t++) layout[row * width + t] = prompt[t];
            for (var t = 0; t < steps - 1; t++) layout[row * width + prompt.Count + t] = responses[row * steps + t];
        }
        using var scope = NewDisposeScope();
        var input = torch.tensor(layout, new long[] { rows, width }, device: Network.Device);
        var logits = Network.call(input);
        var positions = ReadPositions(lengths, steps).unsqueeze(-1).expand(rows, steps, VocabularySize);
        return logits.gather(1, positions).MoveToOuterDisposeScope();
    }

    /// <summary>Saves the options (JSON) and the Torch state into a zip at <paramref name="path"/>, atomically.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = File.Create(temporary))
                Save(file);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Writes the policy as a zip (<c>model.json</c>: format, version, options; <c>weights.bin</c>: Torch state).</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        using (var json = archive.CreateEntry("model.json", CompressionLevel.Fastest).Open())
            JsonSerializer.Serialize(json, new SavedPolicy { Format = FormatName, FormatVersion = FormatVersion, Options = Network.Settings }, ModelJson.Options);
        using var weights = archive.CreateEntry("weights.bin", CompressionLevel.Fastest).Open();
        Network.save(weights);
    }

    /// <summary>Loads a policy saved by <see cref="Save(string)"/> onto <paramref name="device"/> (the CPU when null).</summary>
    /// <exception cref="InvalidDataException">The file is not a saved policy, or its entries are missing or inconsistent.</exception>
    public static TransformerSequencePolicy Load(string path, Device? device = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var file = File.OpenRead(path);
        return Load(file, device);
    }

    /// <summary>Loads a policy from a stream written by <see cref="Save(Stream)"/>.</summary>
    /// <exception cref="InvalidDataException">The stream is not a saved policy, or its entries are missing or inconsistent.</exception>
    public static TransformerSequencePolicy Load(Stream stream, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        SavedPolicy saved;
        using (var json = OpenEntry(archive, "model.json"))
        {
            try
            {
                saved = JsonSerializer.Deserialize<SavedPolicy>(json, ModelJson.Options)
                    ?? throw new InvalidDataException("Entry 'model.json' of the transformer policy is empty.");
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"Entry 'model.json' of the transformer policy is not valid JSON: {e.Message}", e);
            }
        }
        if (saved.Format != FormatName)
            throw new InvalidDataException($"model.json names format '{saved.Format}', not '{FormatName}'.");
        if (saved.FormatVersion < 1 || saved.FormatVersion > FormatVersion)
            throw new InvalidDataException($"The transformer policy was saved with format version {saved.FormatVersion}; this build reads versions 1 to {FormatVersion}.");
        var options = saved.Options ?? throw new InvalidDataException("model.json of the transformer policy has no options.");
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"model.json of the transformer policy holds invalid options: {e.Message}", e);
        }
        var network = NewNetwork(options, device ?? torch.CPU);
        try
        {
            using var weights = OpenEntry(archive, "weights.bin");
            using var memory = new MemoryStream();
            weights.CopyTo(memory); // Torch's loader seeks; zip streams do not.
            memory.Position = 0;
            try
            {
                network.load(memory, strict: true);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or EndOfStreamException)
            {
                throw new InvalidDataException(
                    $"weights.bin of the transformer policy does not match its model.json ({options.Layers} layers, d {options.ModelDimension}, vocabulary {options.VocabularySize}): {e.Message}", e);
            }
        }
        catch
        {
            network.Dispose();
            throw;
        }
        return new TransformerSequencePolicy(network);
    }

    /// <inheritdoc />
    public void Dispose() => Network.Dispose();

    /// <summary>
    /// A network initialised from <see cref="TransformerPolicyOptions.Seed"/>. Core's <see cref="TorchRandom"/> comes
    /// first: it loads libtorch (with an error that says what to do when it is missing) and seeds the initialisation.
    /// </summary>
    private static TinyTransformerNetwork NewNetwork(TransformerPolicyOptions options, Device device)
    {
        using var random = new TorchRandom(options.Seed, device);
        var network = new TinyTransformerNetwork(options, device);
        network.Initialize(random.Generator);
        return network;
    }

    /// <summary>
    /// Autoregressive decoding of <paramref name="groupSize"/> responses per prompt without gradients: sampled from
    /// softmax(logits / temperature) with <paramref name="generator"/>, or arg-max when it is null. The full prefix is
    /// recomputed at each step (no key/value cache: at this size it is cheap and keeps one code path with Score).
    /// </summary>
    private PolicyRollout Decode(IReadOnlyList<IReadOnlyList<int>> prompts, int groupSize, Generator? generator)
    {
        ValidatePrompts(prompts);
        if (groupSize < 1)
            throw new ArgumentOutOfRangeException(nameof(groupSize), groupSize, "The group size must be at least 1.");
        var options = Network.Settings;
        var rows = prompts.Count * groupSize;
        var lengths = new long[rows];
        for (var row = 0; row < rows; row++) lengths[row] = prompts[row / groupSize].Count;
        var longest = (int)lengths.Max();
        var width = longest + options.MaxResponseLength;
        // The last sampled token is never fed back, so the network sees at most longest + MaxResponseLength - 1 positions.
        if (width - 1 > options.MaxLength)
            throw new ArgumentException(
                $"The longest prompt ({longest} tokens) plus MaxResponseLength ({options.MaxResponseLength}) needs {width - 1} positions; MaxLength is {options.MaxLength}.", nameof(prompts));
        var layout = new long[rows * width];
        Array.Fill(layout, options.EndToken);
        for (var row = 0; row < rows; row++)
        {
            var prompt = prompts[row / groupSize];
            for (var t = 0; t < prompt.Count; t++) layout[row * width + t] = prompt[t];
        }

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var device = Network.Device;
        var sequence = torch.tensor(layout, new long[] { rows, width }, device: device);
        var promptLengths = torch.tensor(lengths, device: device);
        var active = ones(rows, dtype: ScalarType.Bool, device: device);
        var tokens = new List<Tensor>();
        var masks = new List<Tensor>();
        var logProbabilities = new List<Tensor>();
        for (var step = 0; step < options.MaxResponseLength; step++)
        {
            var logits = Network.call(sequence.narrow(1, 0, longest + step));
            var read = (promptLengths - 1 + step).view(rows, 1, 1).expand(rows, 1, VocabularySize);
            var next = logits.gather(1, read).squeeze(1);
            var logProbability = nn.functional.log_softmax(next / options.Temperature, -1);
            var chosen = generator is null
                ? logProbability.argmax(-1)
                : multinomial(logProbability.exp(), 1, false, generator).squeeze(-1);
            var chosenLogProbability = logProbability.gather(-1, chosen.unsqueeze(-1)).squeeze(-1);
            var token = where(active, chosen, full_like(chosen, options.EndToken));
            tokens.Add(token);
            masks.Add(active.to(ScalarType.Float32));
            logProbabilities.Add(where(active, chosenLogProbability, zeros_like(chosenLogProbability)));
            sequence.scatter_(1, (promptLengths + step).unsqueeze(1), token.unsqueeze(1));
            active = active.logical_and(token.ne(options.EndToken));
            if (!active.any().item<bool>()) break;
        }
        var rollout = new PolicyRollout(
            stack(tokens, 1).MoveToOuterDisposeScope(),
            stack(masks, 1).MoveToOuterDisposeScope(),
            stack(logProbabilities, 1).MoveToOuterDisposeScope(),
            groupSize);
        return rollout;
    }

    /// <summary>[rows, steps] positions whose logits predict response token t of row i: promptLength_i - 1 + t.</summary>
    private Tensor ReadPositions(int[] promptLengths, int steps)
    {
        var positions = new long[promptLengths.Length * steps];
        for (var row = 0; row < promptLengths.Length; row++)
            for (var t = 0; t < steps; t++)
                positions[row * steps + t] = promptLengths[row] - 1 + t;
        return torch.tensor(positions, new long[] { promptLengths.Length, steps }, device: Network.Device);
    }

    private void ValidatePrompts(IReadOnlyList<IReadOnlyList<int>> prompts)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        if (prompts.Count == 0)
            throw new ArgumentException("The prompt set is empty.", nameof(prompts));
        for (var p = 0; p < prompts.Count; p++)
        {
            var prompt = prompts[p] ?? throw new ArgumentException($"Prompt {p} is null.", nameof(prompts));
            if (prompt.Count == 0)
                throw new ArgumentException($"Prompt {p} is empty; a prompt needs at least one token.", nameof(prompts));
            for (var t = 0; t < prompt.Count; t++)
                if (prompt[t] < 0 || prompt[t] >= VocabularySize)
                    throw new ArgumentOutOfRangeException(nameof(prompts), prompt[t],
                        $"Prompt {p}, position {t}: token {prompt[t]} is outside the vocabulary [0, {VocabularySize}).");
        }
    }

    private static Stream OpenEntry(ZipArchive archive, string name)
    {
        var entry = archive.GetEntry(name) ?? throw new InvalidDataException($"The transformer policy file is missing entry '{name}'.");
        try
        {
            return entry.Open();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"Entry '{name}' of the transformer policy is corrupted: {e.Message}", e);
        }
    }

    private sealed class SavedPolicy
    {
        public string? Format { get; set; }
        public int FormatVersion { get; set; }
        public TransformerPolicyOptions? Options { get; set; }
    }
}
