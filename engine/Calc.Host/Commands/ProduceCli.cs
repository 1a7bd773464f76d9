using System.Diagnostics;
using System.Globalization;
using Calc.Engine.Files;
using Calc.Engine.Hosting.Settings;
using Calc.Engine.Kafka;

namespace Calc.Host.Commands;

/// <summary>
/// <c>calc produce FILE|- --topic T [--bootstrap-servers HOST:PORT] [--rate N] [--rejected FILE]</c>:
/// NDJSON point records into a topic, keyed by asset, checked line by line (history or test data
/// enters the same path as live data). With <c>--from-tsdb</c>, the points come from the embedded TSDB
/// instead (<see cref="ProduceFromTsdb"/>).
/// </summary>
internal static class ProduceCli
{
    private const string UsageText = """
        usage: calc produce FILE|- --topic TOPIC [--bootstrap-servers HOST:PORT] [--rate RECORDS_PER_SECOND] [--rejected FILE]
               calc produce --from-tsdb DIR|FILE --points MODEL::POINT,... [--from T] [--to T] [--org O] [--assets A,...] --topic TOPIC [--bootstrap-servers HOST:PORT] [--rate N]
        """;

    public static int Run(string[] args, ConsoleIo io, CancellationToken cancellation)
    {
        var parsed = CliArgs.Parse(args, ["topic", "bootstrap-servers", "rate", "rejected", .. ProduceFromTsdb.Options]);
        if (parsed.Has("from-tsdb"))
        {
            return ProduceFromTsdb.Run(parsed, io, cancellation);
        }

        foreach (var option in ProduceFromTsdb.Options.Where(o => o != "from-tsdb" && parsed.Has(o)))
        {
            parsed.Errors.Add($"--{option} goes with --from-tsdb");
        }

        var kafka = HostSettings.Current.Kafka;
        var (servers, rate) = Common(parsed);
        if (parsed.Errors.Count > 0 || parsed.Positional.Count != 1 || parsed.Get("topic") is null || servers is null)
        {
            return Usage(io, parsed);
        }

        var file = parsed.Positional[0];
        if (file != "-" && !File.Exists(file))
        {
            io.Error.WriteLine($"calc produce: '{file}' does not exist");
            return Cli.Invalid;
        }

        if (!KafkaFirstContact.Check("calc produce", kafka.AdminConfig(servers), servers, io.Error))
        {
            return Cli.Failure;
        }

        var topic = parsed.Get("topic")!;
        var rejectedPath = parsed.Get("rejected") ?? (file == "-" ? "rejected.ndjson" : file + ".rejected.ndjson");
        var watch = Stopwatch.StartNew();
        using (var rejected = new RejectedWriter(File.Create(rejectedPath)))
        using (var input = file == "-" ? Console.OpenStandardInput() : File.OpenRead(file))
        using (var producer = new PointFileProducer(kafka.ProducerConfig(servers), topic, rejected)
        {
            Rate = rate,
            Progress = (n, bad) => io.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {watch.Elapsed:hh\\:mm\\:ss}  produced {n:N0}  rejected {bad:N0}  ({n / Math.Max(0.001, watch.Elapsed.TotalSeconds):N0}/s)")),
        })
        {
            producer.Run(input, cancellation);
            var seconds = Math.Max(0.001, watch.Elapsed.TotalSeconds);
            var where = producer.Rejected > 0 ? " → " + rejectedPath : "";
            io.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"calc produce: {producer.Produced - producer.Failed:N0} records to {topic} on {servers} in {seconds:0.0} s ({producer.Produced / seconds:N0}/s), keyed by assetId; {producer.Rejected:N0} rejected{where}"));
            if (producer.Failed > 0)
            {
                io.Error.WriteLine($"calc produce: {producer.Failed:N0} records were not taken by the broker: {producer.FirstError}");
                return Cli.Failure;
            }
        }

        if (new FileInfo(rejectedPath).Length == 0)
        {
            File.Delete(rejectedPath);
        }

        return Cli.Ok;
    }

    /// <summary>The options both forms share: the brokers (flag or setting) and the rate; problems go to <paramref name="parsed"/>.</summary>
    internal static (string? Servers, double? Rate) Common(CliArgs parsed)
    {
        var servers = parsed.Get("bootstrap-servers") ?? HostSettings.Current.Kafka.BootstrapServers;
        double? rate = null;
        if (parsed.Get("rate") is { } text)
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r > 0)
            {
                rate = r;
            }
            else
            {
                parsed.Errors.Add($"--rate '{text}': records per second, a positive number");
            }
        }

        if (servers is null)
        {
            parsed.Errors.Add("no Kafka: give --bootstrap-servers HOST:PORT or set kafka.bootstrapServers ('calc broker' starts a local one)");
        }

        return (servers, rate);
    }

    internal static int Usage(ConsoleIo io, CliArgs parsed) => SubCommand.Usage(io, "produce", parsed, UsageText);
}
