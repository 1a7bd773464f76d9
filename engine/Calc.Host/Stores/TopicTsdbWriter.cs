using System.Globalization;
using Calc.Engine.Tsdb;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Calc.Host.Stores;

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

    private TopicTsdbWriter(ITsdbWriter writer, string description, KafkaTsdbSource source, ILogger logger)
    {
        _writer = writer;
        Description = description;
        _source = source;
        _loop = new TsdbWriterLoop(source, writer, new TsdbWriterLoopOptions(), logger);
    }

    /// <summary>Where the points go, for messages.</summary>
    public string Description { get; }

    /// <summary>The Kafka consumer's failure, if it stopped on one.</summary>
    public Exception? Error => _source.Error;

    /// <summary>Creates the writer (<see cref="ArgumentException"/> for a bad URL) without starting it.</summary>
    public static TopicTsdbWriter Create(string servers, string topic, string group, string? tsdbUrl, IReadOnlyList<string> points, TimeSpan? idleExit, ILogger logger)
    {
        var (writer, description, _) = TsdbServices.CreateWriter(tsdbUrl, DataDirectory.Path, points, logger);
        var consumer = new ConsumerConfig { BootstrapServers = servers, GroupId = group, SessionTimeoutMs = 10_000 };
        return new TopicTsdbWriter(writer, description, new KafkaTsdbSource(consumer, topic, idleExit), logger);
    }

    /// <summary>Runs until cancelled (or idle, with an idle exit) and the last acknowledged batch is committed.</summary>
    public Task RunAsync(CancellationToken cancellation) => _loop.RunAsync(cancellation);

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
