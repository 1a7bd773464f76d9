using System.Globalization;
using Calc.Sdk;

namespace Calc.Templates.Windows;

/// <summary>The window template's trace lines: which window took the value, and its aggregate so far.</summary>
internal sealed partial class TimeWindowOperator
{
    private void TraceWindow(ITraceSink trace, WindowAccumulator window, long end, SampleStatus status)
    {
        var policy = policies[_current];
        var aggregation = policy.Aggregation.ToString().ToLowerInvariant();
        trace.Write(TraceKind.State, string.Create(CultureInfo.InvariantCulture,
            $"window {Iso(window.Start)}–{Iso(end)} of {policy.Output.ModelId}::{policy.Output.PointId}: {window.Count} value{(window.Count == 1 ? "" : "s")}, {aggregation} so far {PointValue.FromNumber(window.Result(policy.Aggregation))}{(status == SampleStatus.Repaired ? " (this value repaired)" : "")}"));
    }

    private static string Iso(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
