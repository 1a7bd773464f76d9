namespace Calc.Engine.Runtime;

/// <summary>
/// Counting records, not policies: every input record ends up once in <see cref="JobMetrics.Processed"/>
/// or under one reason in <see cref="JobMetrics.FilteredBy"/>. While a record travels through the
/// steps, the reports about it are collected here: a policy that used it (<see cref="ReportUsed"/>),
/// one that left it out (a <c>filtered.*</c> or <c>tooLate</c> counter, <see cref="ReportLeftOut"/>).
/// The record is processed when any policy used it or none left it out, else filtered under the first
/// reason given. A record that a preprocessor holds for a linear repair is decided when it is released
/// (see <see cref="Hold"/>); outputs of steps (derived records) are not input records and are not judged.
/// </summary>
public sealed partial class JobInstance
{
    private readonly Dictionary<long, HeldRecord> _held = [];
    /// <summary>The ticket of the next (or in-flight) input record; it moves on when the record is done, so equal to <see cref="Judging"/> only in flight.</summary>
    private long _sequence = 1;
    private bool _used;
    private string? _leftOut;
    private int _holds;

    /// <summary>The record the reports are about: the input record in flight, a released held record, or 0 (none: a step's output).</summary>
    internal long Judging;

    /// <summary>Input records held by a preprocessor (linear repair) and not yet decided: in none of the counts yet.</summary>
    public int Held => _held.Count + (Judging == _sequence && _holds > 0 ? 1 : 0);

    internal void ReportUsed()
    {
        if (Judging == _sequence)
        {
            _used = true;
        }
        else if (Judging != 0 && _held.TryGetValue(Judging, out var held))
        {
            held.Used = true;
        }
    }

    internal void ReportLeftOut(string reason)
    {
        if (Judging == 0)
        {
            return;
        }

        if (Judging == _sequence)
        {
            _leftOut ??= reason;
        }
        else if (_held.TryGetValue(Judging, out var held))
        {
            held.LeftOut ??= reason;
        }
    }

    /// <summary>The record being judged is held (a linear repair waits for the next valid value): its ticket, 0 if it is not an input record.</summary>
    internal long Hold()
    {
        if (Judging == 0)
        {
            return 0;
        }

        if (Judging == _sequence)
        {
            _holds++;
            return Judging;
        }

        if (_held.TryGetValue(Judging, out var held))
        {
            held.Holds++;
            return Judging;
        }

        return 0;
    }

    /// <summary>A held record is being released: reports are about it until <see cref="EndRelease"/>; returns what to restore.</summary>
    internal long BeginRelease(long ticket)
    {
        var saved = Judging;
        Judging = ticket;
        return saved;
    }

    internal void EndRelease(long ticket, long saved)
    {
        Judging = saved;
        if (ticket == 0)
        {
            return;
        }

        if (ticket == _sequence)
        {
            _holds--;
        }
        else if (_held.TryGetValue(ticket, out var held) && --held.Holds == 0)
        {
            _held.Remove(ticket);
            Decide(held.Used, held.LeftOut);
        }
    }

    private void BeginRecord() => Judging = _sequence;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void EndRecord()
    {
        Judging = 0;
        if (_leftOut is null && _holds == 0)
        {
            Metrics.Processed++;
            _used = false;
        }
        else
        {
            EndJudgedRecord();
        }

        _sequence++;
    }

    /// <summary>The record in flight was left out or is held: decide it now, or keep it until its release.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void EndJudgedRecord()
    {
        if (_holds > 0 && !_used)
        {
            _held[_sequence] = new HeldRecord { LeftOut = _leftOut, Holds = _holds };
        }
        else
        {
            Decide(_used, _leftOut);
        }

        _used = false;
        _leftOut = null;
        _holds = 0;
    }

    private void Decide(bool used, string? leftOut)
    {
        if (used || leftOut is null)
        {
            Metrics.Processed++;
        }
        else
        {
            Metrics.CountFiltered(leftOut);
        }
    }

    private sealed class HeldRecord
    {
        public bool Used;
        public string? LeftOut;
        public int Holds;
    }
}
