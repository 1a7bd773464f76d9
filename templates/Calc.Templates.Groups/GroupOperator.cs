using Calc.Sdk;

namespace Calc.Templates.Groups;

/// <summary>
/// <c>asset-group-aggregation</c>: per policy, members (assets that sent the input point) are grouped
/// by their group key; each group window holds each member's value and is emitted <c>onTime</c> once
/// every live member's progress has reached its end (or, with <c>maxMemberLag</c>, once the group's
/// most advanced member is that far past it), re-emitted <c>late</c> when a member's value changes
/// within its latency, and flushed <c>final</c> at end of input.
/// </summary>
internal sealed partial class GroupOperator(GroupSettings settings, IReadOnlyList<GroupPolicy> policies)
    : IOperator, IWatermarkAware, IFlushable, ISampleSink
{
    private readonly Dictionary<(string Model, string Point), int[]> _byInput = Index(policies);
    private readonly Dictionary<string, Member>[] _members = [.. policies.Select(_ => new Dictionary<string, Member>(StringComparer.Ordinal))];
    private readonly Dictionary<(string Org, string Key), Group>[] _groups = [.. policies.Select(_ => new Dictionary<(string, string), Group>())];
    private readonly Dictionary<string, string?> _keys = new(StringComparer.Ordinal);
    private readonly IWindowScheme _scheme = SchemeOf(settings);
    private readonly List<PointAttributes> _membersAttr = [];
    private long[] _starts = [];
    private long[] _ends = [];
    private IPreprocessor[] _preprocessors = [];
    private IOperatorContext _context = null!;
    private int _policy;
    private long _judge;
    private Member? _current;
    private int _currentPolicy = -1;
    private string? _lastModel;
    private string? _lastPoint;
    private int[]? _lastIndexes;

    private const long DayMs = 86_400_000;

    /// <summary>Whole local days when the windows are days in a time zone, else epoch-aligned windows.</summary>
    internal static IWindowScheme SchemeOf(GroupSettings settings) =>
        settings.Zone is { } zone && settings.WindowMs % DayMs == 0 && settings.SlideMs % DayMs == 0
            ? new LocalDayWindows(zone, (int)(settings.WindowMs / DayMs), (int)(settings.SlideMs / DayMs))
            : new EpochWindows(settings.WindowMs, settings.SlideMs);

    public void Open(IOperatorContext context)
    {
        _context = context;
        _preprocessors = [.. policies.Select(p => context.Preprocessing.Create(p.Preprocess))];
        _starts = new long[_scheme.MaxWindowsPerInstant];
        _ends = new long[_scheme.MaxWindowsPerInstant];
    }

    public void Process(in PointRecord record)
    {
        // The engine moves this step's watermark after Process; members' progress is judged with the
        // current record already counted (a record never holds its own group window back).
        if (record.Time > _context.GetWatermark(record.AssetId))
        {
            OnWatermark(record.AssetId, record.Time);
        }

        int[]? indexes;
        if (ReferenceEquals(record.ModelId, _lastModel) && ReferenceEquals(record.PointId, _lastPoint))
        {
            indexes = _lastIndexes;
        }
        else
        {
            _byInput.TryGetValue((record.ModelId, record.PointId), out indexes);
            _lastModel = record.ModelId;
            _lastPoint = record.PointId;
            _lastIndexes = indexes;
        }

        if (indexes is null)
        {
            return;
        }

        var key = KeyOf(in record);
        if (key is null)
        {
            if (_context.Trace is { } trace)
            {
                TraceNoGroup(trace, in record);
            }

            _context.Metrics.Count("filtered.noGroup");
            return;
        }

        foreach (var p in indexes)
        {
            var member = MemberOf(p, in record, key);
            if (member.Idle)
            {
                Wake(member);
            }

            var before = member.Effective;
            if (member.Held == 0)
            {
                member.HeldFrom = record.Time;
            }

            member.Held++;
            _policy = p;
            _current = member;
            _currentPolicy = p;
            _judge = before;
            _preprocessors[p].Process(in record, this);
            Moved(member, before, member.Effective);
            if (settings.MaxMemberLagMs is not null)
            {
                Check(member.Group); // a member that joined ahead of the others may put a window past maxMemberLag
            }
        }
    }

    public void OnSample(in PointRecord record, double value, SampleStatus status)
    {
        var member = _current is { } c && _currentPolicy == _policy && ReferenceEquals(c.AssetId, record.AssetId) ? c
            : _members[_policy].GetValueOrDefault(record.AssetId);
        if (member is null)
        {
            return;
        }

        member.Held--;
        if (status == SampleStatus.Invalid)
        {
            return;
        }

        // A record the preprocessor held (waiting to interpolate) is judged by the progress it held the group at.
        Apply(member, record.Time, value, ReferenceEquals(member, _current) ? _judge : member.Effective);
    }

    public void OnWatermark(string assetId, long watermark)
    {
        for (var p = 0; p < _members.Length; p++)
        {
            if (!_members[p].TryGetValue(assetId, out var member))
            {
                continue;
            }

            _policy = p;
            if (member.Idle)
            {
                member.Watermark = watermark;
                Wake(member);
            }
            else
            {
                var before = member.Effective;
                member.Watermark = watermark;
                Moved(member, before, member.Effective);
            }

            var group = member.Group;
            if (watermark > group.MaxWatermark)
            {
                group.MaxWatermark = watermark;
                if (settings.MaxMemberLagMs is { } lag && group.NextEnd != long.MaxValue && watermark - lag >= group.NextEnd)
                {
                    Close(group);
                }
            }
        }
    }

    public void FlushAsset(string assetId)
    {
        for (var p = 0; p < policies.Count; p++)
        {
            _policy = p;
            _current = null;
            _preprocessors[p].Flush(assetId, this);
            if (_members[p].TryGetValue(assetId, out var member) && !member.Idle)
            {
                var group = member.Group;
                member.Idle = true;
                if (group.NextEnd != long.MaxValue && member.Effective < group.NextEnd)
                {
                    group.Holders--;
                }

                Check(group);
            }
        }
    }

    public void FlushAll()
    {
        for (var p = 0; p < policies.Count; p++)
        {
            _policy = p;
            _current = null;
            _preprocessors[p].FlushAll(this);
            foreach (var group in _groups[p].Values)
            {
                foreach (var window in group.Windows)
                {
                    if (!window.Emitted)
                    {
                        Emit(group, window, CalMode.Final);
                    }
                }
            }

            _groups[p].Clear();
            _members[p].Clear();
        }

        _current = null;
    }

    public void Close()
    {
    }

    /// <summary>Adds one valid member value to every window holding its time that it may still change.</summary>
    private void Apply(Member member, long time, double value, long progress)
    {
        var group = member.Group;
        var aggregation = policies[_policy].Member;
        var n = _scheme.Locate(time, _starts, _ends);
        var applied = false;
        for (var i = 0; i < n; i++)
        {
            var start = _starts[i];
            var end = _ends[i];
            if (progress >= end + settings.LatencyMs || end <= group.DroppedBefore)
            {
                continue;
            }

            var window = group.Find(start);
            var created = false;
            if (window is null)
            {
                window = Revive(group, start, end, member.Index);
                if (window is null)
                {
                    continue;
                }

                created = !window.Emitted;
            }

            if (window.LeftOut is { } leftOut && leftOut.Contains(member.Index))
            {
                continue;
            }

            applied = true;
            ref var slot = ref window.Value(member.Index);
            if (!window.Emitted)
            {
                slot.Add(time, value);
                if (_context.Trace is { } trace)
                {
                    TraceApplied(trace, member, window, in slot);
                }

                if (created)
                {
                    NewWindow(group, window);
                }

                continue;
            }

            var had = slot.HasValue;
            var before = had ? slot.Result(aggregation) : 0;
            slot.Add(time, value);
            if (_context.Trace is { } lateTrace)
            {
                TraceApplied(lateTrace, member, window, in slot, emitted: true);
            }

            if (!had || !before.Equals(slot.Result(aggregation)))
            {
                Emit(group, window, CalMode.Late);
            }
        }

        if (!applied)
        {
            _context.Metrics.Count("tooLate");
        }
    }

    /// <summary>A window created by a member's value: late at once if every live member is past its end, else it may hold the group.</summary>
    private void NewWindow(Group group, GroupWindow window)
    {
        if (window.End >= group.NextEnd)
        {
            return;
        }

        if (window.End <= MinLiveEffective(group, out var anyLive) && anyLive)
        {
            Emit(group, window, CalMode.Late);
            return;
        }

        Recount(group);
        Check(group);
    }

    /// <summary>The window for a record whose window is not open: an archived one revived, a new one, or null when the member was left out of it.</summary>
    private GroupWindow? Revive(Group group, long start, long end, int memberIndex)
    {
        var window = new GroupWindow(start, end, group.Members.Count);
        var at = group.FindArchived(start);
        if (at >= 0)
        {
            if (group.ArchivedLeftOut.TryGetValue(start, out var leftOut))
            {
                if (leftOut.Contains(memberIndex))
                {
                    return null;
                }

                window.LeftOut = leftOut;
                group.ArchivedLeftOut.Remove(start);
            }

            window.Frozen = group.Archive[at].Totals;
            window.Emitted = true;
            group.Archive.RemoveAt(at);
        }

        group.Insert(window);
        return window;
    }
}
