using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Calc.Engine.Kafka;

public sealed partial class StreamingJobRunner
{
    /// <summary>
    /// The lane busy on one batch for longer than <paramref name="limit"/> (it has input and makes no
    /// progress: a plugin or rule stuck on a record), with the record it is on; null when none is.
    /// Safe to call from any thread while the run runs (reads what the processing thread last wrote).
    /// </summary>
    public LaneStall? Stalled(TimeSpan limit)
    {
        var pipeline = _pipeline;
        if (pipeline?.BusyFor() is not { } busy || busy < limit)
        {
            return null;
        }

        return new LaneStall(_currentPartition, Volatile.Read(ref _currentOffset), busy);
    }

    /// <summary>
    /// Waits until the lanes are idle. Once the run is stopping, it waits only until the stop deadline
    /// (<see cref="StreamingOptions.StopTimeout"/> after the stop): a batch still in the lanes then is
    /// abandoned and <see cref="LanesAbandonedException"/> thrown. After an abandonment it returns at once
    /// (callers check <see cref="Internal.BatchPipeline.IsAbandoned"/> and commit nothing).
    /// </summary>
    private void DrainLanes()
    {
        if (_pipeline.IsAbandoned || _pipeline.TryDrain(_stopping) || _pipeline.TryDrain(_deadline.Token))
        {
            return;
        }

        var busy = _pipeline.BusyFor() ?? options.StopTimeout;
        var (partition, offset) = (_currentPartition, Volatile.Read(ref _currentOffset));
        _guard.Abandon();
        _pipeline.Abandon();
        var where = partition < 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" (partition {partition}, offset {offset})");
        var message = string.Create(CultureInfo.InvariantCulture,
            $"job '{job.Definition.Id}': a lane was stuck on one record{where} for {busy.TotalSeconds:0.#} s and did not finish within the stop timeout of {options.StopTimeout.TotalSeconds:0.#} s: it was abandoned. Nothing after the last commit was committed (its records wait in Kafka and are read again when the job runs), whatever it still writes is dropped; its thread is left running and may hold a core until it returns");
        LogAbandoned(_logger, message);
        throw new LanesAbandonedException(message, job.Definition.Id, partition, offset, busy, _pipeline.Ended);
    }

    [LoggerMessage(EventId = 2104, Level = LogLevel.Error, Message = "{Message}")]
    private static partial void LogAbandoned(ILogger logger, string message);
}
