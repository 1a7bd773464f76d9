using System.Diagnostics;
using System.Globalization;
using Calc.Engine.Hosting.Settings;
using Calc.Engine.Kafka;
using Calc.Engine.Tsdb;
using Calc.Sdk;
using Microsoft.Data.Sqlite;

namespace Calc.Host.Commands;

/// <summary>
/// <c>calc produce --from-tsdb DIR|FILE --points P,… [--from T] [--to T] [--org O] [--assets A,…] --topic T</c>:
/// points already stored in the embedded TSDB back into Kafka as point records keyed by asset, in time order
/// (a backfill of history that the input topic no longer holds, or outputs for a job that chains on them).
/// The store keeps no quality nor attributes: the records carry the org, model, asset, point, time and value.
/// </summary>
internal static class ProduceFromTsdb
{
    public static readonly string[] Options = ["from-tsdb", "points", "from", "to", "org", "assets"];

    public static int Run(CliArgs parsed, ConsoleIo io, CancellationToken cancellation)
    {
        var (servers, rate) = ProduceCli.Common(parsed);
        var path = StorePath(parsed.Get("from-tsdb"), parsed.Errors);
        var points = Points(parsed.Get("points"), parsed.Errors);
        var from = parsed.GetTime("from");
        var to = parsed.GetTime("to");
        if (from is not null && to is not null && to <= from)
        {
            parsed.Errors.Add($"--to {parsed.Get("to")} is not after --from {parsed.Get("from")}");
        }

        if (parsed.Get("topic") is null)
        {
            parsed.Errors.Add("--topic TOPIC is required");
        }

        if (parsed.Has("rejected"))
        {
            parsed.Errors.Add("--rejected goes with a file: points read from the TSDB are point records already");
        }

        if (parsed.Positional.Count > 0)
        {
            parsed.Errors.Add($"give a file or --from-tsdb, not both ('{parsed.Positional[0]}')");
        }

        if (parsed.Errors.Count > 0 || path is null || points is null || servers is null)
        {
            return ProduceCli.Usage(io, parsed);
        }

        var kafka = HostSettings.Current.Kafka;
        if (!KafkaFirstContact.Check("calc produce", kafka.AdminConfig(servers), servers, io.Error))
        {
            return Cli.Failure;
        }

        var topic = parsed.Get("topic")!;
        var export = new TsdbExport
        {
            Points = points,
            OrgId = parsed.Get("org"),
            Assets = parsed.Get("assets") is { } assets ? assets.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [],
            From = from,
            To = to,
        };
        var watch = Stopwatch.StartNew();
        using var rejected = new Calc.Engine.Files.RejectedWriter(Stream.Null);
        using var producer = new PointFileProducer(kafka.ProducerConfig(servers), topic, rejected)
        {
            Rate = rate,
            Progress = (n, _) => io.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {watch.Elapsed:hh\\:mm\\:ss}  produced {n:N0}  ({n / Math.Max(0.001, watch.Elapsed.TotalSeconds):N0}/s)")),
        };
        try
        {
            producer.Run(Records(SqliteTsdb.Export(path, export)), cancellation);
        }
        catch (SqliteException ex)
        {
            io.Error.WriteLine($"calc produce: cannot read {path}: {ex.Message}");
            return Cli.Failure;
        }

        var seconds = Math.Max(0.001, watch.Elapsed.TotalSeconds);
        io.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"calc produce: {producer.Produced - producer.Failed:N0} points from {path} to {topic} on {servers} in {seconds:0.0} s ({producer.Produced / seconds:N0}/s), keyed by assetId"));
        if (producer.Produced == 0)
        {
            io.Error.WriteLine($"calc produce: no stored point matched --points {parsed.Get("points")}{(from is null && to is null ? "" : " in the time range")}; 'calc query' shows what the store holds");
        }

        if (producer.Failed > 0)
        {
            io.Error.WriteLine($"calc produce: {producer.Failed:N0} records were not taken by the broker: {producer.FirstError}");
            return Cli.Failure;
        }

        return Cli.Ok;
    }

    private static IEnumerable<PointRecord> Records(IEnumerable<TsdbSample> samples)
    {
        foreach (var s in samples)
        {
            yield return new PointRecord { OrgId = s.OrgId, ModelId = s.ModelId, AssetId = s.AssetId, PointId = s.PointId, Time = s.Time, Value = s.Value };
        }
    }

    /// <summary>A data directory (its <c>tsdb.db</c>) or the store file itself; a database URL is refused with what to do instead.</summary>
    private static string? StorePath(string? given, List<string> errors)
    {
        if (string.IsNullOrEmpty(given))
        {
            errors.Add("--from-tsdb needs the data directory or the store file (tsdb.db)");
            return null;
        }

        if (given.Contains("://", StringComparison.Ordinal))
        {
            errors.Add($"--from-tsdb {given}: only the embedded store (a data directory or its tsdb.db) can be read back; export from VictoriaMetrics or InfluxDB to NDJSON point records and give the file to 'calc produce FILE'");
            return null;
        }

        var path = Directory.Exists(given) ? Path.Combine(given, "tsdb.db") : given;
        if (!File.Exists(path))
        {
            errors.Add($"--from-tsdb {given}: no embedded TSDB at {path}");
            return null;
        }

        return path;
    }

    private static TsdbStorageOptions? Points(string? text, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add("--points MODEL::POINT,... is required (patterns with * and !, as outputs.tsdb.points: turbine::ENERGY_*)");
            return null;
        }

        var points = TsdbStorageOptions.Of(text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var problems = new ProblemList();
        points.Validate(problems, "--points");
        errors.AddRange(problems.Items.Select(p => p.ToString()));
        return problems.IsEmpty ? points : null;
    }
}
