using System.Globalization;
using MLNetExtensions.Data;
using MLNetExtensions.Fairness.Metrics;

namespace MLNetExtensions.Fairness.Trainers;

/// <summary>
/// How a trainer turns its protected columns into penalty inputs, fitted on the training rows with the rules of the
/// fairness report's distance statistics (<c>Metrics/Distance/AttributeEncoding</c>): numbers min-max scaled to
/// [0, 1], binary attributes 0/1, categorical attributes one-hot; plus each row's intersectional group id for the
/// demographic-parity gap. Validation rows are encoded with the training scales and levels.
/// </summary>
internal sealed class ProtectedAttributeEncoding
{
    private readonly Block[] _blocks;
    private readonly Dictionary<long, long> _groupIds = new();

    private ProtectedAttributeEncoding(Block[] blocks) => _blocks = blocks;

    /// <summary>Columns per attribute, in order.</summary>
    public int[] BlockWidths => _blocks.Select(b => b.Width).ToArray();

    /// <summary>Total encoded columns.</summary>
    public int Width => _blocks.Sum(b => b.Width);

    /// <summary>Whether every attribute defines groups (none is continuous), so the demographic-parity gap applies.</summary>
    public bool DefinesGroups => _blocks.All(b => b.Levels is not null);

    /// <summary>The first attribute that defines no groups, or null.</summary>
    public string? ContinuousAttribute => _blocks.FirstOrDefault(b => b.Levels is null)?.Name;

    public static ProtectedAttributeEncoding Fit(IReadOnlyList<SensitiveAttribute> attributes)
    {
        var blocks = new Block[attributes.Count];
        for (int a = 0; a < attributes.Count; a++)
        {
            var attribute = attributes[a];
            var levels = attribute.DefinesGroups ? attribute.Levels.ToArray() : null;
            if (attribute.Values is { } values)
            {
                double lo = values.Length == 0 ? 0 : values.Min(), hi = values.Length == 0 ? 0 : values.Max();
                blocks[a] = new Block(attribute.Name, 1, lo, hi > lo ? 1 / (hi - lo) : 0, levels, BlockKind.Number);
            }
            else
            {
                bool binary = attribute.Kind == SensitiveAttributeKind.Binary;
                blocks[a] = new Block(attribute.Name, binary ? 1 : levels!.Length, 0, 0, levels, binary ? BlockKind.Binary : BlockKind.OneHot);
            }
        }
        return new ProtectedAttributeEncoding(blocks);
    }

    /// <summary>
    /// Encodes <paramref name="attributes"/> (same columns as at fit) of <paramref name="n"/> rows into row-major
    /// values [n x Width] and group ids (all 0 without attributes).
    /// </summary>
    public (float[] Values, long[] Groups) Encode(IReadOnlyList<SensitiveAttribute> attributes, int n)
    {
        foreach (var attribute in attributes)
            if (attribute.Count != n)
                throw new InvalidOperationException(
                    $"The data gave {n} rows for the features but {attribute.Count} for protected column '{attribute.Name}'; it must be re-readable in the same order.");
        int width = Width;
        var values = new float[(long)n * width];
        var groupKeys = new long[n];
        long radix = 1;
        int offset = 0;
        for (int a = 0; a < _blocks.Length; a++)
        {
            var block = _blocks[a];
            var attribute = attributes[a];
            int[]? codes = block.Levels is null ? null : MapLevels(block, attribute);
            switch (block.Kind)
            {
                case BlockKind.Number:
                    var numeric = attribute.Values ?? throw Mismatch(block, attribute);
                    for (int i = 0; i < n; i++)
                        values[(long)i * width + offset] = (float)((numeric[i] - block.Shift) * block.Scale);
                    break;
                case BlockKind.Binary:
                    for (int i = 0; i < n; i++)
                        values[(long)i * width + offset] = codes![i];
                    break;
                default:
                    for (int i = 0; i < n; i++)
                        values[(long)i * width + offset + codes![i]] = 1;
                    break;
            }
            if (codes is not null)
            {
                for (int i = 0; i < n; i++)
                    groupKeys[i] += codes[i] * radix;
                // Overflow is impossible for the few attributes a penalty takes, but say so rather than wrap.
                radix = checked(radix * (block.Levels!.Length + 1));
            }
            offset += block.Width;
        }
        var groups = new long[n];
        for (int i = 0; i < n; i++)
        {
            if (!_groupIds.TryGetValue(groupKeys[i], out long id))
            {
                id = _groupIds.Count;
                _groupIds.Add(groupKeys[i], id);
            }
            groups[i] = id;
        }
        return (values, groups);
    }

    private static int[] MapLevels(Block block, SensitiveAttribute attribute)
    {
        if (block.Kind == BlockKind.Number)
        {
            // Discrete numbers: groups by value, so validation data with other (or more) distinct values still maps.
            var numbers = attribute.Values ?? throw Mismatch(block, attribute);
            var byValue = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int l = 0; l < block.Levels!.Length; l++) byValue[block.Levels[l]] = l;
            var numberCodes = new int[numbers.Length];
            for (int i = 0; i < numbers.Length; i++)
            {
                string key = (numbers[i] == 0 ? 0 : numbers[i]).ToString("R", CultureInfo.InvariantCulture);
                // A value the training data lacks (validation rows) forms one extra group rather than failing.
                numberCodes[i] = byValue.TryGetValue(key, out int code) ? code : block.Levels.Length;
            }
            return numberCodes;
        }
        if (attribute.Codes is null)
            throw Mismatch(block, attribute);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int l = 0; l < block.Levels!.Length; l++) index[block.Levels[l]] = l;
        var map = new int[attribute.Levels.Count];
        for (int l = 0; l < map.Length; l++)
            map[l] = index.TryGetValue(attribute.Levels[l], out int t) ? t : -1;
        var codes = attribute.Codes;
        var result = new int[codes.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            int mapped = map[codes[i]];
            if (mapped < 0)
                throw new DataValidationException(
                    $"Protected column '{block.Name}' has level '{attribute.Levels[codes[i]]}' at row {i.ToString(CultureInfo.InvariantCulture)}, which the training data does not have.",
                    block.Name, i);
            result[i] = mapped;
        }
        return result;
    }

    private static ArgumentException Mismatch(Block block, SensitiveAttribute attribute) => new(
        $"Protected column '{block.Name}' is {attribute.Kind} here but was encoded differently in the training data.", block.Name);

    private enum BlockKind { Number, Binary, OneHot }

    private sealed record Block(string Name, int Width, double Shift, double Scale, string[]? Levels, BlockKind Kind);
}
