namespace Calc.Benchmarks;

/// <summary>
/// The <see cref="PluginBenchmarks"/> variants measured <see cref="Interleaved"/> (robust on a shared machine).
/// Run with <c>dotnet run -c Release --project tests/Calc.Benchmarks -- plugins-interleaved [rounds]</c>.
/// </summary>
internal static class PluginOverhead
{
    public static void Run(int rounds, TextWriter output)
    {
        var bench = new PluginBenchmarks();
        bench.Setup();
        Interleaved.Run(
            [
                ("compiled into the engine", bench.Direct),
                ("plugin as calc run loads it (own context + guard)", bench.Plugin),
                ("plugin, own context, no guard", bench.PluginWithoutGuard),
                ("plugin from PluginCatalog (collectible context + guard)", bench.Catalog),
            ],
            PluginBenchmarks.Records,
            rounds,
            output);
        bench.Cleanup();
    }
}
