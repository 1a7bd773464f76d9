using System.Text;

namespace Calc.Engine.Records;

/// <summary>
/// Interns the ids that repeat on every record so that parsing a known id does not allocate.
/// Bounded: past <see cref="MaxEntries"/> it stops adding (ids are then allocated as usual).
/// </summary>
internal sealed class StringPool
{
    private const int MaxEntries = 1_000_000;
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private char[] _chars = new char[256];

    public StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<byte> utf8)
    {
        var max = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        if (max > _chars.Length)
        {
            _chars = new char[Math.Max(max, _chars.Length * 2)];
        }

        var count = Encoding.UTF8.GetChars(utf8, _chars);
        var span = _chars.AsSpan(0, count);
        if (_lookup.TryGetValue(span, out var existing))
        {
            return existing;
        }

        var created = new string(span);
        if (_strings.Count < MaxEntries)
        {
            _strings[created] = created;
        }

        return created;
    }

    public string Get(string text)
    {
        if (_strings.TryGetValue(text, out var existing))
        {
            return existing;
        }

        if (_strings.Count < MaxEntries)
        {
            _strings[text] = text;
        }

        return text;
    }
}
