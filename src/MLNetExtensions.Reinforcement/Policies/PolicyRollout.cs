using static TorchSharp.torch;

namespace MLNetExtensions.Reinforcement.Policies;

/// <summary>
/// Responses sampled from a policy: tokens, a validity mask and the sampling-time log-probabilities (pi_old).
/// Rows are prompt-major (row <c>p * G + g</c> answers prompt p). Owns its tensors.
/// </summary>
public sealed class PolicyRollout : IDisposable
{
    /// <summary>Creates a rollout; takes ownership of the tensors.</summary>
    /// <param name="tokens">[rows, steps] int64 response tokens (padding after the end is allowed).</param>
    /// <param name="mask">[rows, steps] float32, 1 for tokens that belong to the response, 0 for padding.</param>
    /// <param name="logProbabilities">[rows, steps] float32 log pi_old of each token, detached.</param>
    /// <param name="groupSize">Responses per prompt.</param>
    public PolicyRollout(Tensor tokens, Tensor mask, Tensor logProbabilities, int groupSize)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(logProbabilities);
        if (tokens.dim() != 2 || !tokens.shape.SequenceEqual(mask.shape) || !tokens.shape.SequenceEqual(logProbabilities.shape))
            throw new ArgumentException("Tokens, mask and log-probabilities must all be [rows, steps] with the same shape.");
        if (groupSize < 1 || tokens.shape[0] % groupSize != 0)
            throw new ArgumentOutOfRangeException(nameof(groupSize), $"Rows ({tokens.shape[0]}) must be a multiple of the group size ({groupSize}).");
        Tokens = tokens;
        Mask = mask;
        LogProbabilities = logProbabilities;
        GroupSize = groupSize;
    }

    /// <summary>[rows, steps] int64 response tokens.</summary>
    public Tensor Tokens { get; }

    /// <summary>[rows, steps] float32 validity mask.</summary>
    public Tensor Mask { get; }

    /// <summary>[rows, steps] float32 sampling-time log-probabilities (detached).</summary>
    public Tensor LogProbabilities { get; }

    /// <summary>Responses per prompt (G).</summary>
    public int GroupSize { get; }

    /// <summary>Number of responses (prompts x G).</summary>
    public int Rows => (int)Tokens.shape[0];

    /// <summary>The valid tokens of one response, in order.</summary>
    public int[] Response(int row)
    {
        using var tokenRow = Tokens[row].cpu();
        using var maskRow = Mask[row].cpu();
        var tokens = tokenRow.data<long>().ToArray();
        var mask = maskRow.data<float>().ToArray();
        var length = 0;
        while (length < mask.Length && mask[length] > 0f) length++;
        var response = new int[length];
        for (var t = 0; t < length; t++) response[t] = (int)tokens[t];
        return response;
    }

    /// <summary>The valid tokens of every response, in row order (one copy of the tensors instead of one per row).</summary>
    public int[][] Responses()
    {
        using var tokenCopy = Tokens.cpu().contiguous();
        using var maskCopy = Mask.cpu().contiguous();
        var tokens = tokenCopy.data<long>().ToArray();
        var mask = maskCopy.data<float>().ToArray();
        int rows = Rows, steps = (int)Tokens.shape[1];
        var responses = new int[rows][];
        for (int r = 0; r < rows; r++)
        {
            int length = 0;
            while (length < steps && mask[r * steps + length] > 0f) length++;
            var response = new int[length];
            for (int t = 0; t < length; t++) response[t] = (int)tokens[r * steps + t];
            responses[r] = response;
        }
        return responses;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Tokens.Dispose();
        Mask.Dispose();
        LogProbabilities.Dispose();
    }
}
