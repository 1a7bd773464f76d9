using System.Runtime.InteropServices;
using Calc.Sdk;

namespace Calc.Engine.State.Internal;

/// <summary>
/// A single-producer, single-consumer ring of records: one lane thread appends (a copy and a volatile
/// write, no lock), the feed's thread takes what was published. Positions only grow; the slot of
/// position p is <c>p &amp; mask</c>. Taken slots keep their references until overwritten (bounded by the size).
/// </summary>
internal sealed class ObservationRing
{
    private readonly PointRecord[] _items;
    private readonly int _mask;
    private Position _tail;
    private Position _head;
    private long _headSeen;

    public ObservationRing(int capacity)
    {
        Validate(capacity);
        _items = new PointRecord[capacity];
        _mask = capacity - 1;
    }

    /// <summary>Throws unless <paramref name="capacity"/> is a power of two of at least 2.</summary>
    public static void Validate(int capacity)
    {
        if (capacity < 2 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "a power of two of at least 2");
        }
    }

    /// <summary>Everything appended so far (any thread may read it).</summary>
    public long Published => Volatile.Read(ref _tail.Value);

    /// <summary>Everything taken so far (any thread may read it).</summary>
    public long Taken => Volatile.Read(ref _head.Value);

    /// <summary>Producer: appends a copy, or returns false when the ring is full.</summary>
    public bool TryAdd(in PointRecord record)
    {
        var tail = _tail.Value;
        if (tail - _headSeen >= _items.Length)
        {
            _headSeen = Volatile.Read(ref _head.Value);
            if (tail - _headSeen >= _items.Length)
            {
                return false;
            }
        }

        _items[(int)(tail & _mask)] = record;
        Volatile.Write(ref _tail.Value, tail + 1);
        return true;
    }

    /// <summary>Consumer: the published records not yet taken, as up to two spans (the ring wraps), and the position they end at.</summary>
    public long Peek(out ReadOnlySpan<PointRecord> first, out ReadOnlySpan<PointRecord> second)
    {
        var head = _head.Value;
        var tail = Volatile.Read(ref _tail.Value);
        var start = (int)(head & _mask);
        var count = (int)(tail - head);
        var firstCount = Math.Min(count, _items.Length - start);
        first = _items.AsSpan(start, firstCount);
        second = _items.AsSpan(0, count - firstCount);
        return tail;
    }

    /// <summary>Consumer: frees the slots up to <paramref name="end"/> (from <see cref="Peek"/>).</summary>
    public void Release(long end) => Volatile.Write(ref _head.Value, end);

    /// <summary>A position alone on its cache line, so that producer and consumer do not share one.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct Position
    {
        [FieldOffset(64)]
        public long Value;
    }
}
