using System.Globalization;
using Calc.Engine.Hosting.Settings;
using Calc.Engine.Tsdb;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Calc.Engine.Hosting.Stores;

/// <summary>
/// The Kafka-to-TSDB writer of one output topic (SPEC §7): its own consumer group reads the topic and
/// a <see cref="TsdbWriterLoop"/> upserts the points in batches, committing offsets only after the
/// database acknowledged them and retrying while it is down. <c>calc sink tsdb</c> runs one alone;
/// <c>calc serve --tsdb</c> runs one in-process.
/// </summary>
internal sealed class TopicTsdbWriter : IDisposable
{
    private readonly ITsdbWriter _writer;
    private readonly KafkaTsdbSource _source;
    private readonly TsdbWriterLoop _loop;
    private readonly ILogger _logger;
    private readonly string _topic;
    private (string Message, DateTimeOffset At)? _stoppedOn;
    private volatile bool _stopping;

    private TopicTsdbWriter(ITsdbWriter writer, string description, string topic, KafkaTsdbSource source, ILogger logger)
    {
        _writer = writer;
        Description = description;
        _topic = topic;
        _source = source;
        _logger = logger;
        _loop = new TsdbWriterLoop(source, writer, new TsdbWriterLoopOptions(), logger);
    }

    /// <summary>Where the points go, for messages.</summary>
    public string Description { get; }

    /// <summary>The Kafka consumer's failure, if it stopped on one.</summary>
    public Exception? Error => _source.Error;

    /// <summary>Creates the writer (<see cref="ArgumentException"/> for a bad URL) without starting it.</summary>
    public static TopicTsdbWriter Create(string servers, KafkaSettings kafka, string topic, string group, string? tsdbUrl, IReadOnlyList<string> points, TimeSpan? idleExit, ILogger logger)
    {
        var (writer, description, _) = TsdbServices.CreateWriter(tsdbUrl, DataDirectory.Path, points, logger);
        var consumer = kafka.ConsumerConfig(servers, group);
        return new TopicTsdbWriter(writer, description, topic, new KafkaTsdbSource(consumer, topic, idleExit, logger), logger);
    }

    /// <summary>Runs until cancelled (or idle, with an idle exit) and the last acknowledged batch is committed.</summary>
    public Task RunAsync(CancellationToken cancellation) => _loop.RunAsync(cancellation);

    /// <summary>
    /// Runs in the background of a service: never throws. A writer that stops on an error logs it and
    /// shows <c>failed</c> in <see cref="Health"/>; the process goes on (the outputs wait in Kafka).
    /// </summary>
    public async Task RunGuardedAsync(CancellationToken cancellation)
    {
        try
        {
            await _loop.RunAsync(cancellation).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _stoppedOn = (ex.Message, DateTimeOffset.UtcNow);
            KafkaTsdbSourceLog.Stopped(_logger, ex.Message);
        }
        finally
        {
            _stopping = true;
        }
    }

    /// <summary>The writer's state now (status, last error, last success), for <c>GET /health</c>.</summary>
    public TsdbWriterHealth Health()
    {
        var failure = _stoppedOn ?? (_source.Error is { } e ? (e.Message, _source.LastError?.At ?? DateTimeOffset.UtcNow) : null);
        var status = failure is not null ? "failed"
            : _stopping ? "stopped"
            : _source.Waiting is not null ? "waitingForTopic"
            : _loop.Stats.DatabaseDown ? "databaseDown"
            : "running";
        string? lastError = _loop.Stats.LastError;
        DateTimeOffset? lastErrorAt = null;
        if ((failure ?? _source.LastError) is { } known)
        {
            (lastError, lastErrorAt) = (known.Message, known.At);
        }

        return new TsdbWriterHealth(status, Description, _topic, lastError, lastErrorAt, _source.LastAcknowledgedAt, _source.Read, _writer.Counters.Written);
    }

    /// <summary>Records read from the topic (point records and others).</summary>
    public long Read => _source.Read;

    /// <summary>Messages of the topic that were not point records.</summary>
    public long NotPoints => _source.Skipped;

    /// <summary>The loop's progress and health (batches acknowledged, failures, last success).</summary>
    public TsdbWriterLoopStats Stats => _loop.Stats;

    /// <summary>What the database writer wrote and skipped.</summary>
    public TsdbWriteCounters Counters => _writer.Counters;

    /// <summary>One progress line.</summary>
    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"  read {_source.Read:N0}  acknowledged {_loop.Stats.RecordsCommitted:N0}  written {_writer.Counters.Written:N0}  not point records {_source.Skipped:N0}{(_loop.Stats.DatabaseDown ? $"  database down: {_loop.Stats.LastError}" : "")}");

    public void Dispose()
    {
        _source.Dispose();
        _writer.Dispose();
    }
}
