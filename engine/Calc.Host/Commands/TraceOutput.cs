using System.Text;
using System.Text.Json;
using Calc.Engine.Tracing;
using Calc.Engine.Tsdb;
using Calc.Sdk;

namespace Calc.Host.Commands;

/// <summary>
/// <c>calc run … --trace ASSET[:POINT] [--trace-from T] [--trace-to T] [--trace-out FILE]</c>: the traced
/// records' lines as a table on stderr (coloured on a terminal) and as NDJSON in the trace file, written
/// as each record finishes.
/// </summary>
internal sealed class TraceOutput : IDisposable
{
    public static readonly string[] Options = ["trace", "trace-from", "trace-to", "trace-out"];

    private readonly TextWriter _table;
    private readonly bool _colour;
    private readonly Stream? _file;
    private readonly Utf8JsonWriter? _json;

    private TraceOutput(TraceFilter filter, TextWriter table, bool colour, string? path, Stream? file)
    {
        _table = table;
        _colour = colour;
        _file = file;
        _json = file is null ? null : new Utf8JsonWriter(file);
        Path = path;
        Log = new TraceLog(filter, capacity: 0) { Listener = Write };
    }

    /// <summary>The trace log of the run (its lines are written out, not kept).</summary>
    public TraceLog Log { get; }

    /// <summary>Where the NDJSON goes, or null.</summary>
    public string? Path { get; }

    /// <summary>
    /// The trace the options ask for, or null when there is none (<paramref name="invalid"/> false) or
    /// the options are wrong (<paramref name="invalid"/> true, every problem printed).
    /// </summary>
    public static TraceOutput? Open(CliArgs args, ConsoleIo io, out bool invalid)
    {
        invalid = false;
        var selector = args.Get("trace");
        if (selector is null)
        {
            invalid = args.Has("trace-from") || args.Has("trace-to") || args.Has("trace-out");
            if (invalid)
            {
                io.Error.WriteLine("calc run: --trace-from, --trace-to and --trace-out go with --trace ASSET[:POINT]");
            }

            return null;
        }

        var from = Time(args, "trace-from", io, ref invalid) ?? long.MinValue;
        var to = Time(args, "trace-to", io, ref invalid) ?? long.MaxValue;
        if (string.IsNullOrWhiteSpace(selector) || selector.StartsWith(':'))
        {
            io.Error.WriteLine($"calc run: --trace: '{selector}' names no asset: give ASSET, ASSET:POINT or ASSET:model::POINT");
            invalid = true;
        }

        if (invalid)
        {
            return null;
        }

        var path = args.Get("trace-out");
        Stream? file = null;
        try
        {
            file = path is null ? null : File.Create(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            io.Error.WriteLine($"calc run: --trace-out: cannot write {path}: {ex.Message}");
            invalid = true;
            return null;
        }

        var colour = ReferenceEquals(io.Error, Console.Error) && !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
        return new TraceOutput(TraceFilter.Parse(selector, from, to), io.Error, colour, path, file);
    }

    /// <summary>A line at the end: how many records were traced, and where the NDJSON went.</summary>
    public void WriteSummary(TextWriter error) =>
        error.WriteLine($"  traced         {Log.Records,12:N0}  records of {Describe(Log.Filter)}{(Path is null ? "" : ", lines in " + Path)}");

    public void Dispose()
    {
        _json?.Dispose();
        _file?.Dispose();
    }

    private void Write(IReadOnlyList<TraceEvent> lines)
    {
        foreach (var e in lines)
        {
            _table.WriteLine(Row(e));
            if (_json is not null)
            {
                TraceJson.Write(_json, e);
                _json.Flush();
                _json.Reset();
                _file!.WriteByte((byte)'\n');
            }
        }

        _file?.Flush();
    }

    /// <summary>One table row: <c>trace TIME ASSET POINT=VALUE  #STEP OPERATOR  KIND  DETAIL</c>.</summary>
    internal string Row(TraceEvent e) => Row(e, _colour);

    /// <summary>One table row, coloured or not.</summary>
    internal static string Row(TraceEvent e, bool colour)
    {
        var kind = TraceJson.KindName(e.Kind);
        var text = new StringBuilder("trace ")
            .Append(TraceJson.Iso(e.Time)).Append(' ')
            .Append(e.AssetId).Append(' ')
            .Append(e.Point).Append('=').Append(e.Value).Append("  #")
            .Append(e.Step).Append(' ').Append(e.Operator).Append("  ")
            .Append(colour ? Colour(e.Kind) + kind + "\u001b[0m" : kind);
        if (e.Detail.Length > 0)
        {
            text.Append("  ").Append(e.Detail);
        }

        return text.ToString();
    }

    private static string Colour(TraceKind kind) => kind switch
    {
        TraceKind.Passed => "\u001b[32m",
        TraceKind.Output => "\u001b[1;36m",
        TraceKind.Filtered or TraceKind.TooLate or TraceKind.Error => "\u001b[31m",
        TraceKind.Repaired or TraceKind.Late or TraceKind.Held => "\u001b[33m",
        _ => "\u001b[2m",
    };

    private static string Describe(TraceFilter filter) =>
        filter.AssetId + (filter.Point is null ? "" : " " + filter.Point)
        + (filter.From == long.MinValue ? "" : " from " + TraceJson.Iso(filter.From))
        + (filter.To == long.MaxValue ? "" : " to " + TraceJson.Iso(filter.To));

    private static long? Time(CliArgs args, string name, ConsoleIo io, ref bool invalid)
    {
        if (args.Get(name) is not { } text)
        {
            return null;
        }

        if (TsdbTime.TryParse(text, out var time))
        {
            return time;
        }

        io.Error.WriteLine($"calc run: --{name}: '{text}' is not a time: give epoch milliseconds (1589500800000) or ISO-8601 (2020-05-15T00:00:00Z)");
        invalid = true;
        return null;
    }
}
