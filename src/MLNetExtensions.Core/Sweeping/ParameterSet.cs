using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace MLNetExtensions.Sweeping;

/// <summary>
/// One assignment of values to search parameters, as proposed by an <see cref="ITuner"/>: an ordered, read-only
/// map from options member name to value. <see cref="ToString"/> gives <c>Name=value, ...</c>.
/// </summary>
public sealed class ParameterSet : IReadOnlyDictionary<string, object?>
{
    private readonly KeyValuePair<string, object?>[] _entries;
    private readonly Dictionary<string, object?> _lookup;

    /// <summary>Creates a parameter set; the order of <paramref name="values"/> is kept.</summary>
    /// <param name="values">Pairs of member name and value; names must be distinct.</param>
    /// <exception cref="ArgumentException">A name is null, empty or repeated.</exception>
    public ParameterSet(IEnumerable<KeyValuePair<string, object?>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _entries = values.ToArray();
        _lookup = new Dictionary<string, object?>(_entries.Length, StringComparer.Ordinal);
        foreach (var (name, value) in _entries)
        {
            if (string.IsNullOrEmpty(name))
                throw new ArgumentException("Parameter names must not be null or empty.", nameof(values));
            if (!_lookup.TryAdd(name, value))
                throw new ArgumentException($"Parameter '{name}' appears more than once.", nameof(values));
        }
    }

    /// <summary>The parameter set with no values: a single trial of the base options.</summary>
    public static ParameterSet Empty { get; } = new([]);

    /// <inheritdoc />
    public int Count => _entries.Length;

    /// <inheritdoc />
    public object? this[string key] => _lookup[key];

    /// <summary>The parameter names, in order.</summary>
    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    /// <summary>The values, in the order of <see cref="Keys"/>.</summary>
    public IEnumerable<object?> Values => _entries.Select(e => e.Value);

    /// <inheritdoc />
    public bool ContainsKey(string key) => _lookup.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => _lookup.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The values as <c>Name=value</c> pairs, separated by commas, numbers in the invariant culture.</summary>
    public override string ToString() => string.Join(", ", _entries.Select(e => $"{e.Key}={ValueFormatter.Format(e.Value)}"));
}
