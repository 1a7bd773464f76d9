namespace Calc.Engine.Records;

/// <summary>
/// The last value a field of the record had, with its UTF-8 bytes: consecutive records mostly repeat
/// their org, model, asset and attributes, and comparing a few bytes is cheaper than decoding,
/// hashing and looking them up again.
/// </summary>
internal sealed class RecentValue<T>
    where T : class
{
    private byte[] _bytes = new byte[64];
    private int _length = -1;
    private T? _value;

    public bool TryGet(ReadOnlySpan<byte> utf8, out T value)
    {
        if (_length == utf8.Length && utf8.SequenceEqual(_bytes.AsSpan(0, _length)))
        {
            value = _value!;
            return true;
        }

        value = null!;
        return false;
    }

    public void Set(ReadOnlySpan<byte> utf8, T value)
    {
        if (utf8.Length > _bytes.Length)
        {
            if (utf8.Length > 4096)
            {
                _length = -1;
                return;
            }

            _bytes = new byte[utf8.Length];
        }

        utf8.CopyTo(_bytes);
        _length = utf8.Length;
        _value = value;
    }
}
