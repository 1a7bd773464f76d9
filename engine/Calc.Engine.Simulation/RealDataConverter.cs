using System.Globalization;
using System.Text.Json;
using Calc.Sdk;

namespace Calc.Engine.Simulation;

/// <summary>
/// Converts the real data sets of <c>/work/shared/data</c> (docs/demo-data.md) into SPEC §1 point records, one record
/// per measured column of each row, in file order.
/// </summary>
public static class RealDataConverter
{
    /// <summary>The solar plant's local time: DATE_TIME is read as UTC+05:30.</summary>
    public static readonly TimeSpan SolarUtcOffset = TimeSpan.FromHours(5.5);

    private const string SolarTimeFormat = "dd-MM-yyyy HH:mm";
    private const string WindTimeFormat = "dd MM yyyy HH:mm";

    // Solar columns in the order records are emitted (as FleetPoints.InverterPoints).
    private static readonly string[] SolarColumns = ["AC_POWER", "DC_POWER", "DAILY_YIELD", "TOTAL_YIELD"];
    private static readonly string[] WindColumns = ["ActivePower_kW", "WindSpeed_ms", "TheoreticalPower_kW", "WindDirection_deg"];

    /// <summary>Epoch ms of a solar DATE_TIME (<c>dd-MM-yyyy HH:mm</c>, UTC+05:30).</summary>
    public static long ParseSolarTime(string text) =>
        new DateTimeOffset(DateTime.ParseExact(text, SolarTimeFormat, CultureInfo.InvariantCulture), SolarUtcOffset).ToUnixTimeMilliseconds();

    /// <summary>Epoch ms of a wind Date/Time (<c>dd MM yyyy HH:mm</c>, read as UTC).</summary>
    public static long ParseWindTime(string text) =>
        new DateTimeOffset(DateTime.ParseExact(text, WindTimeFormat, CultureInfo.InvariantCulture), TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>
    /// solar-plant1-generation.csv rows as <c>inverter</c> records: assetId = SOURCE_KEY, attr.siteId = PLANT_ID,
    /// points AC_POWER, DC_POWER, DAILY_YIELD, TOTAL_YIELD (values as in the file).
    /// </summary>
    /// <exception cref="FormatException">A header or row is not as described (the message gives the line).</exception>
    public static IEnumerable<PointRecord> ConvertSolarGeneration(TextReader csv, RealDataOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(csv);
        return Convert(csv, options ?? new RealDataOptions(), solar: true);
    }

    /// <summary>
    /// wind-turbine-t1-2018.csv rows as <c>turbine</c> records of asset <see cref="RealDataOptions.WindAssetId"/>:
    /// points ActivePower, WindSpeed, TheoreticalPower, WindDirection.
    /// </summary>
    /// <exception cref="FormatException">A header or row is not as described (the message gives the line).</exception>
    public static IEnumerable<PointRecord> ConvertWind(TextReader csv, RealDataOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(csv);
        return Convert(csv, options ?? new RealDataOptions(), solar: false);
    }

    private static IEnumerable<PointRecord> Convert(TextReader csv, RealDataOptions options, bool solar)
    {
        var header = csv.ReadLine() ?? throw new FormatException("line 1: the file is empty");
        var names = header.Split(',');
        var timeColumn = IndexOf(names, solar ? "DATE_TIME" : "Date/Time");
        var plantColumn = solar ? IndexOf(names, "PLANT_ID") : -1;
        var sourceColumn = solar ? IndexOf(names, "SOURCE_KEY") : -1;
        var valueColumns = Array.ConvertAll(solar ? SolarColumns : WindColumns, c => IndexOf(names, c));
        var points = solar ? FleetPoints.InverterPoints : FleetPoints.TurbinePoints;
        var modelId = solar ? FleetPoints.InverterModel : FleetPoints.TurbineModel;
        var attrs = new Dictionary<string, PointAttributes>(StringComparer.Ordinal);
        var assetIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 1;
        while (csv.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            if (cells.Length != names.Length)
            {
                throw new FormatException($"line {lineNumber}: expected {names.Length} cells, found {cells.Length}");
            }

            var assetId = solar ? Intern(assetIds, cells[sourceColumn]) : options.WindAssetId;
            if (options.Assets is not null && !options.Assets.Contains(assetId))
            {
                continue;
            }

            var time = ParseTime(cells[timeColumn], solar, lineNumber);
            if (time < options.FromMs || time >= options.ToMs)
            {
                continue;
            }

            var siteId = solar ? cells[plantColumn] : options.WindSiteId;
            if (!attrs.TryGetValue(siteId, out var attr))
            {
                attr = PointAttributes.Parse(JsonSerializer.Serialize(new Dictionary<string, string> { ["siteId"] = siteId }));
                attrs.Add(siteId, attr);
            }

            for (var i = 0; i < valueColumns.Length; i++)
            {
                if (options.Points is not null && !options.Points.Contains(points[i]))
                {
                    continue;
                }

                yield return new PointRecord
                {
                    OrgId = options.OrgId,
                    ModelId = modelId,
                    AssetId = assetId,
                    PointId = points[i],
                    Time = time,
                    Value = PointValue.FromNumber(ParseNumber(cells[valueColumns[i]], names[valueColumns[i]], lineNumber)),
                    Attr = attr,
                };
            }
        }
    }

    private static int IndexOf(string[] names, string column)
    {
        var index = Array.IndexOf(names, column);
        return index >= 0 ? index : throw new FormatException($"line 1: no column {column} in the header");
    }

    private static string Intern(Dictionary<string, string> ids, string id)
    {
        if (!ids.TryGetValue(id, out var interned))
        {
            ids.Add(id, id);
            interned = id;
        }

        return interned;
    }

    private static long ParseTime(string text, bool solar, int lineNumber)
    {
        try
        {
            return solar ? ParseSolarTime(text) : ParseWindTime(text);
        }
        catch (FormatException)
        {
            throw new FormatException($"line {lineNumber}: time '{text}' is not {(solar ? SolarTimeFormat : WindTimeFormat)}");
        }
    }

    private static double ParseNumber(string text, string column, int lineNumber) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new FormatException($"line {lineNumber}: {column} '{text}' is not a number");
}
