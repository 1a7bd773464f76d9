using System.Buffers;
using System.Text.Json;
using Calc.Engine.Records;
using Calc.Sdk;
using Confluent.Kafka;

namespace Calc.Engine.Kafka.Bench;

/// <summary>The bench's records (22 inverters × 4 points, 15-minute steps, like the solar data) and its loops.</summary>
internal static class BenchData
{
    private static readonly string[] Points = ["AC_POWER", "DC_POWER", "DAILY_YIELD", "TOTAL_YIELD"];

    public static PointRecord Record(int i) => new()
    {
        OrgId = "o1",
        ModelId = "inverter",
        AssetId = "INV" + (i % 22).ToString("00", System.Globalization.CultureInfo.InvariantCulture),
        PointId = Points[(i / 22) % Points.Length],
        Time = 1589500800000L + (i / 88) * 900_000L,
        Value = PointValue.FromNumber(Math.Round(1000 * Math.Abs(Math.Sin(i * 0.001)), 3)),
    };

    /// <summary>Writes the records through the sink; returns the JSON bytes written.</summary>
    public static long Produce(KafkaPointSink sink, int count)
    {
        var buffer = new ArrayBufferWriter<byte>();
        long bytes = 0;
        for (var i = 0; i < count; i++)
        {
            var record = Record(i);
            sink.Write(record);
            if (i < 1000)
            {
                buffer.ResetWrittenCount();
                using var json = new Utf8JsonWriter(buffer);
                PointJsonWriter.Write(json, record);
                json.Flush();
                bytes += buffer.WrittenCount;
            }
        }

        return bytes * count / Math.Min(count, 1000);
    }

    public static long ConsumeBare(ConsumerConfig config, string topic, int expected)
    {
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(config).Build();
        consumer.Subscribe(topic);
        long count = 0;
        long bytes = 0;
        var idle = 0;
        while (count < expected && idle < 50)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null)
            {
                idle = count > 0 ? idle + 1 : idle;
                continue;
            }

            idle = 0;
            bytes += result.Message.Value.Length;
            count++;
        }

        consumer.Close();
        return bytes > 0 ? count : 0;
    }

    public static long ConsumeSource(ConsumerConfig config, string topic, int expected)
    {
        using var source = new KafkaPointSource(new KafkaPointSourceOptions { Consumer = config, Topic = topic });
        var batch = new PointBatch(10_000);
        var pending = new Dictionary<TopicPartition, long>();
        long count = 0;
        double checksum = 0;
        var idle = 0;
        while (count < expected && idle < 5)
        {
            if (!source.TryConsumeBatch(10_000, TimeSpan.FromSeconds(1), batch))
            {
                idle = count > 0 ? idle + 1 : idle;
                continue;
            }

            idle = 0;
            foreach (ref readonly var point in batch.Records)
            {
                checksum += point.Record.Value.Number;
            }

            count += batch.Count;
            batch.MergeNextOffsetsInto(pending);
        }

        source.Commit(pending);
        source.Close();
        return checksum > 0 ? count : 0;
    }

    public static long DecodeInMemory(int count)
    {
        var messages = new byte[Math.Min(count, 10_000)][];
        var buffer = new ArrayBufferWriter<byte>();
        for (var i = 0; i < messages.Length; i++)
        {
            buffer.ResetWrittenCount();
            using var json = new Utf8JsonWriter(buffer);
            PointJsonWriter.Write(json, Record(i));
            json.Flush();
            messages[i] = buffer.WrittenSpan.ToArray();
        }

        var reader = new PointJsonReader();
        long ok = 0;
        for (var i = 0; i < count; i++)
        {
            ok += reader.TryRead(messages[i % messages.Length], out _).Ok ? 1 : 0;
        }

        return ok;
    }
}
