using System.Globalization;
using System.Runtime.CompilerServices;
using Calc.Engine.Tracing;
using Calc.Sdk;

namespace Calc.Engine.Runtime;

/// <summary>
/// Tracing of one step: only while the lane processes a record of a traced asset (<see cref="TraceOn"/>)
/// does <see cref="Trace"/> hand out this step; otherwise the cost is the one branch that checks it.
/// </summary>
internal sealed partial class StepRunner : ITraceSink
{
    private PointRecord _traced;
    private long? _tracedWatermark;
    private bool _verdict;

    /// <summary>The lane's <see cref="JobInstance.TraceOn"/>, copied here so that the per-record check reads this step only.</summary>
    internal bool TraceOn;

    public ITraceSink? Trace => TraceOn ? this : null;

    public void Write(TraceKind kind, string detail)
    {
        if (!TraceOn)
        {
            return;
        }

        _verdict |= kind is not (TraceKind.State or TraceKind.Output);
        _lane.TraceLines.Add(Line(kind, detail));
    }

    /// <summary>An output the traced record caused: <c>model::point @ time = value (calMode)</c>.</summary>
    /// <remarks>Out of line, like every trace branch: the untraced path keeps only the check.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void TraceOutput(in PointRecord record) =>
        Write(TraceKind.Output, record.ModelId + "::" + record.PointId + " @ " + Iso(record.Time) + " = " + record.Value.ToString() + " (" + record.CalMode.ToString() + ")");

    /// <summary>A counter reported while tracing: the counter's name becomes the line, unless the step wrote its own.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void TraceCount(string name)
    {
        // A linear repair is of an earlier, held record, released by this one: not this record's verdict.
        if (!_verdict && name != "repaired.linear")
        {
            Write(KindOf(name), name);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void TracePush(in PointRecord record, bool derived, AssetTrack track)
    {
        _traced = record;
        var before = track.Watermark(_index);
        _tracedWatermark = before == long.MinValue ? null : before;
        _verdict = false;
        var at = _lane.TraceLines.Count;
        PushCore(in record, derived, track);
        if (!_verdict)
        {
            // The step's verdict goes before the lines of the steps after it.
            var kind = record.Time < before ? TraceKind.Late : TraceKind.Passed;
            _lane.TraceLines.Insert(at, Line(kind, kind == TraceKind.Late ? "older than the watermark, taken" : ""));
        }
    }

    private TraceEvent Line(TraceKind kind, string detail) =>
        new(_traced.AssetId, _traced.ModelId + "::" + _traced.PointId, _traced.Time, _traced.Value.ToString(), _index, Step.Path, Step.OperatorId, kind, detail, _tracedWatermark);

    private static TraceKind KindOf(string name) =>
        name.StartsWith("filtered.", StringComparison.Ordinal) ? TraceKind.Filtered
        : name == "tooLate" ? TraceKind.TooLate
        : name.StartsWith("repaired.", StringComparison.Ordinal) ? TraceKind.Repaired
        : name.StartsWith("excluded.", StringComparison.Ordinal) ? TraceKind.Excluded
        : name == "skipped.ruleError" ? TraceKind.Error
        : TraceKind.Skipped;

    internal static string Iso(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
