using System.Globalization;

namespace Calc.Engine.Hosting.Runtime;

internal sealed partial class JobRuntime
{
    /// <summary>End of a file run: state acknowledged, then every TSDB point acknowledged (or give up after the timeout: false, error printed).</summary>
    public async Task<bool> FinishAsync(TextWriter error, CancellationToken cancellation)
    {
        State?.FlushAll();
        var timeout = _options.Stores.TsdbTimeout;
        if (Tsdb is not null && !await Tsdb.CompleteAsync(timeout, error, _options.Command, cancellation))
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{_options.Command}: {Tsdb.Description} did not acknowledge {Tsdb.Queue.Pending:N0} output records within {timeout.TotalSeconds:0} s (last error: {Tsdb.Stats.LastError ?? "none"}); they are not stored there. Run again when it answers, or raise --tsdb-timeout"));
            return false;
        }

        return true;
    }

    /// <summary>Summary lines after the run's own summary.</summary>
    public void WriteSummary(TextWriter error)
    {
        if (State is { } state && _ownsState)
        {
            var stats = state.Latest.Stats;
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  state          {stats.PointsWritten,12:N0}  latest values written to {state.Connection.Endpoint} ({stats.TrackedAssets:N0} assets), {state.ConnectionEvents:N0} connection changes"));
        }

        if (Tsdb is { } tsdb && _ownsTsdb)
        {
            var c = tsdb.Counters;
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  tsdb           {c.Written,12:N0}  points written to {tsdb.Description}"));
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  tsdb merged    {c.Coalesced,12:N0}  replaced by a later value of the same point and time before being written"));
            var skipped = c.SkippedByPolicy + c.SkippedByCalMode + c.SkippedNotNumeric + c.SkippedBadName + c.RejectedByDatabase;
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  tsdb skipped   {skipped,12:N0}  (storage policy {c.SkippedByPolicy:N0}, provisional {c.SkippedByCalMode:N0}, not numeric {c.SkippedNotNumeric:N0}, bad name {c.SkippedBadName:N0}, refused by the database {c.RejectedByDatabase:N0})"));
        }
    }
}
