using Calc.Engine.Records;
using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Engine.Files;

/// <summary>
/// Runs one job over a bounded NDJSON input exactly as on a stream (SPEC §8 <c>calc run</c>): every
/// line is parsed, rejected with a reason, or processed; at the end every open window and bucket
/// is flushed as final.
/// </summary>
public sealed class FileJobRunner(JobInstance lane, RejectedWriter rejected) : NdjsonLineReader.ILineHandler
{
    private readonly PointJsonReader _reader = new();

    /// <summary>Called with the number of lines read so far, every <see cref="ProgressEvery"/> lines.</summary>
    public Action<long>? Progress { get; init; }

    public long ProgressEvery { get; init; } = 1_000_000;

    public JobMetrics Run(Stream input, CancellationToken cancellation = default)
    {
        lane.Open();
        try
        {
            NdjsonLineReader.ReadAll(input, this, cancellation);
            lane.FlushAll();
        }
        finally
        {
            lane.Close();
        }

        return lane.Metrics;
    }

    public void OnLine(ReadOnlySpan<byte> line, long lineNumber)
    {
        if (line.Trim(" \t"u8).IsEmpty)
        {
            return;
        }

        lane.Metrics.Read++;
        var result = _reader.TryRead(line, out var record);
        if (!result.Ok)
        {
            lane.Metrics.Rejected++;
            rejected.Write(lineNumber, result.Reason!, line);
        }
        else
        {
            lane.Process(in record);
        }

        if (Progress is not null && lineNumber % ProgressEvery == 0)
        {
            Progress(lineNumber);
        }
    }
}
