using Calc.Sdk;
using static Calc.Templates.Groups.Tests.Groups;

namespace Calc.Templates.Groups.Tests;

public sealed class GroupCheckpointTests
{
    [Fact]
    public void ShouldResumeFromACheckpointWithTheOutputsOfAnUninterruptedRun()
    {
        var records = new List<(string Asset, long Time, double Value)>();
        for (var t = 0; t < 60; t += 2)
        {
            records.Add(("INV01", t, t));
            records.Add(("INV02", t + 1, 100 - t));
            if (t % 10 == 0)
            {
                records.Add(("INV03", t, 7)); // also late records for INV03 below
            }
        }

        records.Add(("INV03", 3, 1000)); // within latency: late
        const string Settings = "\"groupBy\":\"parent\",\"window\":\"10ms\",\"slide\":\"5ms\",\"latency\":\"20ms\"";
        var whole = Driver(Settings, Policy("avg", "sum", ",\"threshold\":\"[0,500]\""));
        foreach (var (asset, time, value) in records)
        {
            whole.Send("inverter::P", asset, time, value);
        }

        whole.EndOfInput();

        for (var cut = 5; cut < records.Count; cut += 17)
        {
            var first = Driver(Settings, Policy("avg", "sum", ",\"threshold\":\"[0,500]\""));
            foreach (var (asset, time, value) in records.Take(cut))
            {
                first.Send("inverter::P", asset, time, value);
            }

            var second = first.Restart();
            foreach (var (asset, time, value) in records.Skip(cut))
            {
                second.Send("inverter::P", asset, time, value);
            }

            second.EndOfInput();
            var resumed = Final(first.Outputs.Concat(second.Outputs));
            Assert.Equal(Final(whole.Outputs), resumed);
        }

        Assert.Equal(1, whole.Counters["filtered.threshold"]);
    }
}
