using Calc.Engine.Simulation.Internal;
using Calc.Sdk;

namespace Calc.Engine.Simulation;

/// <summary>
/// Writes point records as NDJSON files in the SPEC §1 shape: simulated input for <c>calc run</c> benchmarks,
/// and the converted real-data fixtures.
/// </summary>
public static class NdjsonFileGenerator
{
    /// <summary>
    /// Writes the first <paramref name="records"/> records of the fleet described by <paramref name="options"/>
    /// (the defaults when null), from its start time on, to a new file at <paramref name="path"/>.
    /// </summary>
    /// <returns>The number of bytes written.</returns>
    public static long Write(string path, int records, FleetOptions? options = null)
    {
        using var file = Create(path);
        return Write(file, records, options);
    }

    /// <summary>As <see cref="Write(string, int, FleetOptions?)"/>, to a stream (left open).</summary>
    public static long Write(Stream stream, int records, FleetOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(records);
        var simulator = new FleetSimulator(options ?? new FleetOptions());
        var writer = new NdjsonRecordWriter(stream);
        using (writer)
        {
            if (records > 0)
            {
                var written = 0;
                foreach (var record in simulator.Generate(simulator.StartMs, long.MaxValue))
                {
                    writer.Write(record);
                    if (++written == records)
                    {
                        break;
                    }
                }
            }
        }

        return writer.BytesWritten;
    }

    /// <summary>Writes the given records to a new file at <paramref name="path"/>, one JSON object per line.</summary>
    /// <returns>The number of records written.</returns>
    public static long WriteRecords(string path, IEnumerable<PointRecord> records)
    {
        using var file = Create(path);
        return WriteRecords(file, records);
    }

    /// <summary>As <see cref="WriteRecords(string, IEnumerable{PointRecord})"/>, to a stream (left open).</summary>
    public static long WriteRecords(Stream stream, IEnumerable<PointRecord> records)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(records);
        var count = 0L;
        using var writer = new NdjsonRecordWriter(stream);
        foreach (var record in records)
        {
            writer.Write(record);
            count++;
        }

        return count;
    }

    private static FileStream Create(string path) =>
        new(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
}
