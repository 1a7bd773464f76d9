using Calc.Engine.Simulation;
using Calc.Sdk;

namespace Calc.Engine.Simulation.Tests;

/// <summary>Where tests/fixtures is, and the recipe of each NDJSON fixture made from a CSV slice.</summary>
internal static class Fixtures
{
    public static string Directory { get; } = Find();

    public static string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>(ndjson file, csv slice, conversion) of every converted fixture.</summary>
    public static IReadOnlyList<(string Ndjson, string Csv, Func<TextReader, IEnumerable<PointRecord>> Convert)> Converted { get; } =
    [
        ("solar-2inverters-3days.ndjson", "solar-2inverters-3days.csv", csv => RealDataConverter.ConvertSolarGeneration(csv)),
        ("solar-1inverter-full.ndjson", "solar-1inverter-full.csv", csv => RealDataConverter.ConvertSolarGeneration(csv, new RealDataOptions
        {
            Points = new HashSet<string>(StringComparer.Ordinal) { FleetPoints.AcPower, FleetPoints.DailyYield, FleetPoints.TotalYield },
        })),
        ("wind-3days.ndjson", "wind-3days.csv", csv => RealDataConverter.ConvertWind(csv)),
    ];

    public static IEnumerable<PointRecord> Convert(string csvName, Func<TextReader, IEnumerable<PointRecord>> convert)
    {
        using var reader = new StreamReader(PathOf(csvName));
        foreach (var record in convert(reader))
        {
            yield return record;
        }
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/fixtures not found above " + AppContext.BaseDirectory);
    }
}
