using System.Globalization;
using BenchmarkDotNet.Running;
using Calc.Benchmarks;

if (args is ["plugins-interleaved", .. var rest])
{
    // Plugin overhead measured interleaved with thread CPU time (robust on a shared machine).
    PluginOverhead.Run(rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 30, Console.Out);
    return;
}

if (args is ["engine-interleaved", .. var engineRest])
{
    // Engine core per step, interleaved with thread CPU time.
    EngineOverhead.Run(engineRest.Length > 0 ? int.Parse(engineRest[0], CultureInfo.InvariantCulture) : 20, Console.Out);
    return;
}

if (args is ["trace-interleaved", .. var traceRest])
{
    // What tracing costs untraced records: no tap, an idle tap, a tap on one asset of 10,000.
    TraceOverhead.Run(traceRest.Length > 0 ? int.Parse(traceRest[0], CultureInfo.InvariantCulture) : 20, Console.Out);
    return;
}

if (args is ["filerun-stages", var file, .. var stageRest])
{
    // Where a file run's time goes: parse, lane, both on two threads.
    FileRunStages.Run(file, stageRest.Length > 0 ? int.Parse(stageRest[0], CultureInfo.InvariantCulture) : 3, Console.Out);
    return;
}

if (args is ["file-peers", .. var peerRest])
{
    // calc run against DuckDB and the parse floor on one file, in the same run.
    FilePeers.Run(
        peerRest.Length > 0 ? int.Parse(peerRest[0], CultureInfo.InvariantCulture) : 2_400_000,
        peerRest.Length > 1 ? int.Parse(peerRest[1], CultureInfo.InvariantCulture) : 5,
        peerRest.Length > 2 ? peerRest[2] : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../engine/Calc.Host/bin/Release/net10.0/calc")),
        Console.Out);
    return;
}

// Every benchmark class of this assembly; pick with --filter, e.g. --filter '*Expression*'.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
