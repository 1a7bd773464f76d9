using System.Diagnostics;
using Calc.Engine.Runtime;
using Calc.Sdk;
using Calc.Sdk.Testing;
using Calc.Templates.Groups;

// asset-group-aggregation through the real engine lane (OperatorTestDriver → JobInstance), in memory,
// one thread: 10,000 inverters in 100 plants (parent), one AC_POWER record per inverter per minute,
// 15-minute windows, member avg → group sum. Prints member records/s per round.
const int Assets = 10_000;
const int Groups = 100;
var minutes = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 180;
var rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;

var directory = new AssetDirectory();
var ids = new string[Assets];
for (var a = 0; a < Assets; a++)
{
    ids[a] = "INV" + a.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
    directory.SetParent(ids[a], "PLANT" + (a % Groups).ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
}

var records = new PointRecord[Assets * minutes];
var n = 0;
for (var m = 0; m < minutes; m++)
{
    for (var a = 0; a < Assets; a++)
    {
        records[n++] = new PointRecord { OrgId = "o1", ModelId = "inverter", AssetId = ids[a], PointId = "AC_POWER", Time = m * 60_000L, Value = PointValue.FromNumber((a % 17) + m) };
    }
}

var factory = PluginFactories.Get(new GroupsPlugin(), "asset-group-aggregation");
const string Config = """
    {"settings":{"groupBy":"parent","window":"15m","groupModel":"plant"},
     "policies":[{"input":"inverter::AC_POWER","threshold":"[0,2000]","memberAggregation":"avg","groupAggregation":"sum","output":"plant::AC_POWER_15M"}]}
    """;
for (var round = 0; round < rounds; round++)
{
    var driver = new OperatorTestDriver(factory, Config, new DriverOptions { Assets = directory });
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    for (var i = 0; i < records.Length; i++)
    {
        driver.Send(in records[i]);
    }

    driver.EndOfInput();
    watch.Stop();
    var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    Console.WriteLine($"round {round}: {records.Length:N0} member records, {driver.Outputs.Count:N0} group outputs, {watch.Elapsed.TotalSeconds:F2} s wall, {used.TotalSeconds:F2} s CPU → {records.Length / watch.Elapsed.TotalSeconds:N0} records/s (wall), {records.Length / used.TotalSeconds:N0} records/s (CPU)");
}
