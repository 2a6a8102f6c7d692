using System.Globalization;
using System.Text;

namespace MLNetExtensions.Data.Csv;

/// <summary>
/// A streaming CSV reader for audits over large prediction files: it reads the bytes in large chunks, finds
/// records with vectorised searches, parses only the requested columns straight from UTF-8 (no string per cell),
/// and hands out blocks of typed arrays. Quoted fields (RFC 4180, with doubled quotes and embedded separators or
/// newlines) are supported. Memory is O(block size + longest record), whatever the file size.
/// </summary>
public sealed class CsvTableReader : IDisposable
{
    private const int ChunkSize = 1 << 20;
    private readonly Stream _stream;
    private readonly string _source;
    private readonly byte _separator;
    private byte[] _buffer = new byte[ChunkSize];
    private int _start;
    private int _end;
    private bool _eof;
    private long _line;
    private bool _consumed;

    /// <summary>Opens <paramref name="path"/> and reads its header line.</summary>
    public CsvTableReader(string path, char separator = ',')
        : this(OpenFile(path), path, separator)
    {
    }

    /// <summary>Reads CSV from <paramref name="stream"/> (named <paramref name="sourceName"/> in errors); reads the header line.</summary>
    public CsvTableReader(Stream stream, string sourceName, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (separator > 127 || separator == '"' || separator == '\n' || separator == '\r')
            throw new ArgumentOutOfRangeException(nameof(separator), separator, "The separator must be an ASCII character other than a quote or a newline.");
        _stream = stream;
        _source = sourceName;
        _separator = (byte)separator;
        if (!TryNextRecord(out var header))
            throw new CsvFormatException($"'{_source}' is empty: a header line is required.", line: 1);
        var names = new List<string>();
        foreach (var (start, length, quoted) in SplitFields(header))
            names.Add(DecodeField(header.Slice(start, length), quoted).Trim());
        if (names.Count > 0 && names[0].Length > 0 && names[0][0] == '\uFEFF')
            names[0] = names[0][1..];
        Header = names;
    }

    /// <summary>The column names from the header line.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Index of <paramref name="name"/> in the header; throws naming the column and listing those present.</summary>
    public int ColumnIndex(string name)
    {
        for (int i = 0; i < Header.Count; i++)
            if (string.Equals(Header[i], name, StringComparison.Ordinal))
                return i;
        throw new CsvFormatException(
            $"Column '{name}' was not found in '{_source}'. Columns present: {string.Join(", ", Header.Select(h => $"'{h}'"))}.", name, 1);
    }

    /// <summary>
    /// Parses the requested columns in blocks of <paramref name="blockRows"/> rows. The returned block is reused.
    /// Category ids index <paramref name="categories"/>'s lists (one per requested column; empty for others).
    /// A reader can be read once.
    /// </summary>
    public IEnumerable<CsvBlock> Read(IReadOnlyList<(string Name, CsvColumnKind Kind)> columns, out IReadOnlyList<IReadOnlyList<string>> categories, int blockRows = 65_536)
    {
        if (_consumed)
            throw new InvalidOperationException("A CsvTableReader can be read only once.");
        _consumed = true;
        if (blockRows <= 0)
            throw new ArgumentOutOfRangeException(nameof(blockRows), blockRows, "Block size must be positive.");
        var indices = columns.Select(c => ColumnIndex(c.Name)).ToArray();
        // One parse target per field: a column asked for twice would leave the second request unfilled.
        var repeated = columns.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new ArgumentException(
                $"Column '{repeated.Key}' is requested {repeated.Count()} times; request it once and use its values for every role.", nameof(columns));
        var dictionaries = columns.Select(_ => new List<string>()).ToArray();
        categories = dictionaries;
        return ReadBlocks(columns, indices, dictionaries, blockRows);
    }

    private IEnumerable<CsvBlock> ReadBlocks(IReadOnlyList<(string Name, CsvColumnKind Kind)> columns, int[] indices, List<string>[] dictionaries, int blockRows)
    {
        var plan = new ParsePlan(columns, indices, dictionaries);
        var block = new CsvBlock(plan.Kinds, blockRows);
        long row = 0;
        int n = 0;
        block.FirstRow = 0;
        while (ParseNextRow(plan, block, n))
        {
            n++;
            row++;
            if (n == blockRows)
            {
                block.Count = n;
                yield return block;
                n = 0;
                block.FirstRow = row;
            }
        }
        if (n > 0)
        {
            block.Count = n;
            yield return block;
        }
    }

    /// <summary>What to parse from each record: requested columns, their kinds and category dictionaries.</summary>
    private sealed class ParsePlan
    {
        public ParsePlan(IReadOnlyList<(string Name, CsvColumnKind Kind)> columns, int[] indices, List<string>[] dictionaries)
        {
            Columns = columns;
            Indices = indices;
            Dictionaries = dictionaries;
            Kinds = columns.Select(c => c.Kind).ToArray();
            Lookups = columns.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
            MaxIndex = indices.Length == 0 ? -1 : indices.Max();
            // Which requested column each field position feeds; -1 for fields that are skipped.
            Target = Enumerable.Repeat(-1, MaxIndex + 1).ToArray();
            for (int i = 0; i < indices.Length; i++)
                Target[indices[i]] = i;
        }

        public IReadOnlyList<(string Name, CsvColumnKind Kind)> Columns { get; }
        public int[] Indices { get; }
        public List<string>[] Dictionaries { get; }
        public CsvColumnKind[] Kinds { get; }
        public Dictionary<string, int>[] Lookups { get; }
        public int MaxIndex { get; }
        public int[] Target { get; }
        public char[] Scratch { get; } = new char[256];
    }

    private bool ParseNextRow(ParsePlan plan, CsvBlock block, int n)
    {
        ReadOnlySpan<byte> record;
        do
        {
            if (!TryNextRecord(out record))
                return false;
        }
        while (record.Length == 0); // blank lines are skipped
        int field = 0, filled = 0;
        foreach (var (start, length, quoted) in SplitFields(record))
        {
            if (field <= plan.MaxIndex && plan.Target[field] is int c and >= 0)
            {
                Store(block, c, n, record.Slice(start, length), quoted, plan.Kinds[c], plan.Columns[c].Name, plan.Lookups[c], plan.Dictionaries[c], plan.Scratch);
                filled++;
            }
            field++;
            if (filled == plan.Indices.Length && field > plan.MaxIndex)
                break;
        }
        if (filled < plan.Indices.Length)
        {
            // A plain loop, not a lambda: a captured local would cost an allocation on every row.
            int k = 0;
            while (plan.Indices[k] < field) k++;
            throw new CsvFormatException(
                $"Line {_line} of '{_source}' has {field} fields; column '{plan.Columns[k].Name}' (field {plan.Indices[k] + 1}) is missing.",
                plan.Columns[k].Name, _line);
        }
        return true;
    }

    private void Store(CsvBlock block, int column, int index, ReadOnlySpan<byte> text, bool quoted, CsvColumnKind kind, string name,
        Dictionary<string, int> lookup, List<string> dictionary, Span<char> scratch)
    {
        if (quoted)
            text = Unquote(text, out _);
        text = TrimSpaces(text);
        switch (kind)
        {
            case CsvColumnKind.Number:
                if (text.Length == 0)
                    throw new CsvFormatException($"Column '{name}' is empty at line {_line} of '{_source}'.", name, _line);
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                    throw new CsvFormatException(
                        $"Column '{name}' has '{Encoding.UTF8.GetString(text)}' at line {_line} of '{_source}', which is not a number.", name, _line);
                block.Numbers[column][index] = value;
                break;
            case CsvColumnKind.Boolean:
                block.Numbers[column][index] = ParseFlag(text, name);
                break;
            default:
                block.Categories[column][index] = Intern(text, lookup, dictionary, scratch);
                break;
        }
    }

    private double ParseFlag(ReadOnlySpan<byte> text, string name)
    {
        if (text.Length == 1 && (text[0] == '0' || text[0] == '1'))
            return text[0] - '0';
        if (Ascii.EqualsIgnoreCase(text, "true"u8)) return 1;
        if (Ascii.EqualsIgnoreCase(text, "false"u8)) return 0;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && (v == 0 || v == 1))
            return v;
        throw new CsvFormatException(
            $"Column '{name}' has '{Encoding.UTF8.GetString(text)}' at line {_line} of '{_source}'; expected 0/1 or true/false.", name, _line);
    }

    private static int Intern(ReadOnlySpan<byte> text, Dictionary<string, int> lookup, List<string> dictionary, Span<char> scratch)
    {
        // Look up without allocating a string: decode into a stack buffer and use the span-keyed lookup.
        var alternate = lookup.GetAlternateLookup<ReadOnlySpan<char>>();
        int count = Encoding.UTF8.GetMaxCharCount(text.Length) <= scratch.Length
            ? Encoding.UTF8.GetChars(text, scratch)
            : -1;
        if (count >= 0)
        {
            var key = scratch[..count];
            if (alternate.TryGetValue(key, out int id))
                return id;
            var added = key.ToString();
            lookup[added] = dictionary.Count;
            dictionary.Add(added);
            return dictionary.Count - 1;
        }
        var value = Encoding.UTF8.GetString(text);
        if (!lookup.TryGetValue(value, out int existing))
        {
            existing = dictionary.Count;
            lookup[value] = existing;
            dictionary.Add(value);
        }
        return existing;
    }

    /// <summary>Finds the next record (without its newline) in the buffer, reading more of the stream as needed.</summary>
    private bool TryNextRecord(out ReadOnlySpan<byte> record)
    {
        int scanFrom = _start;
        bool inQuotes = false;
        while (true)
        {
            var span = _buffer.AsSpan(scanFrom, _end - scanFrom);
            int position = 0;
            while (position < span.Length)
            {
                int hit = inQuotes ? span[position..].IndexOf((byte)'"') : span[position..].IndexOfAny((byte)'\n', (byte)'"');
                if (hit < 0)
                {
                    position = span.Length;
                    break;
                }
                position += hit;
                if (span[position] == '"')
                {
                    inQuotes = !inQuotes;
                    position++;
                    continue;
                }
                // A newline outside quotes ends the record.
                int recordEnd = scanFrom + position;
                int length = recordEnd - _start;
                if (length > 0 && _buffer[recordEnd - 1] == '\r') length--;
                record = _buffer.AsSpan(_start, length);
                _start = recordEnd + 1;
                _line++;
                return true;
            }
            scanFrom = _end;
            if (_eof)
            {
                if (_start >= _end)
                {
                    record = default;
                    return false;
                }
                int length = _end - _start;
                if (_buffer[_end - 1] == '\r') length--;
                record = _buffer.AsSpan(_start, length);
                _start = _end;
                _line++;
                return true;
            }
            int scanned = scanFrom - _start;
            Refill();
            scanFrom = _start + scanned;
        }
    }

    private void Refill()
    {
        // Keep the partial record: move it to the front, grow the buffer if a single record fills it.
        int pending = _end - _start;
        if (pending > 0 && _start > 0)
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
        _start = 0;
        _end = pending;
        if (_end == _buffer.Length)
            Array.Resize(ref _buffer, _buffer.Length * 2);
        int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _eof = true;
        _end += read;
    }

    private FieldSplitter SplitFields(ReadOnlySpan<byte> record) => new(record, _separator);

    /// <summary>Splits one record into fields without allocating (a quoted field may hold separators).</summary>
    private ref struct FieldSplitter
    {
        private readonly ReadOnlySpan<byte> _record;
        private readonly byte _separator;
        private int _position;
        private bool _done;

        public FieldSplitter(ReadOnlySpan<byte> record, byte separator)
        {
            _record = record;
            _separator = separator;
            _position = 0;
            _done = false;
            Current = default;
        }

        public (int Start, int Length, bool Quoted) Current { get; private set; }

        public readonly FieldSplitter GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_done) return false;
            int start = _position, position = _position;
            bool quoted = false;
            if (position < _record.Length && _record[position] == '"')
            {
                quoted = true;
                position++;
                while (position < _record.Length)
                {
                    if (_record[position] == '"')
                    {
                        if (position + 1 < _record.Length && _record[position + 1] == '"') { position += 2; continue; }
                        position++;
                        break;
                    }
                    position++;
                }
            }
            int next = _record[position..].IndexOf(_separator);
            int end = next < 0 ? _record.Length : position + next;
            Current = (start, end - start, quoted);
            if (next < 0) _done = true;
            _position = end + 1;
            return true;
        }
    }

    private static ReadOnlySpan<byte> Unquote(ReadOnlySpan<byte> field, out bool hadEscapes)
    {
        field = TrimSpaces(field);
        hadEscapes = false;
        if (field.Length >= 2 && field[0] == '"' && field[^1] == '"')
        {
            var inner = field[1..^1];
            if (inner.IndexOf("\"\""u8) < 0)
                return inner;
            hadEscapes = true;
            var copy = new byte[inner.Length];
            int n = 0;
            for (int i = 0; i < inner.Length; i++)
            {
                copy[n++] = inner[i];
                if (inner[i] == '"' && i + 1 < inner.Length && inner[i + 1] == '"') i++;
            }
            return copy.AsSpan(0, n);
        }
        return field;
    }

    private static string DecodeField(ReadOnlySpan<byte> field, bool quoted) =>
        Encoding.UTF8.GetString(quoted ? Unquote(field, out _) : field);

    private static ReadOnlySpan<byte> TrimSpaces(ReadOnlySpan<byte> text)
    {
        int a = 0, b = text.Length;
        while (a < b && (text[a] == ' ' || text[a] == '\t')) a++;
        while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t')) b--;
        return text[a..b];
    }

    private static Stream OpenFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"CSV file '{path}' does not exist.", path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
    }

    /// <inheritdoc/>
    public void Dispose() => _stream.Dispose();
}
