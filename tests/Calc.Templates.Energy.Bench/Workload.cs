using Calc.Sdk;

namespace Calc.Templates.Energy.Bench;

/// <summary>
/// Pre-built records: every asset sends one reading per minute, all assets of a minute before the
/// next minute (as a stream interleaves them). Passes continue in time, so state carries over.
/// </summary>
internal sealed class Workload
{
    private const long StepMs = 60_000;

    public Workload(int assets, int steps, bool meter)
    {
        Assets = assets;
        Steps = steps;
        Meter = meter;
        AssetIds = [.. Enumerable.Range(0, assets).Select(i => "INV" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture))];
        Records = new PointRecord[assets * steps];
    }

    public int Assets { get; }

    public int Steps { get; }

    public bool Meter { get; }

    public string[] AssetIds { get; }

    public PointRecord[] Records { get; }

    /// <summary>Fills the records of pass <paramref name="pass"/> (outside the timed part).</summary>
    public void Fill(int pass, long startMs)
    {
        var i = 0;
        for (var s = 0; s < Steps; s++)
        {
            var step = ((long)pass * Steps) + s;
            var time = startMs + (step * StepMs);
            for (var a = 0; a < Assets; a++)
            {
                // Meter: +0..3 units a minute; power: a value 0..1200, every 97th out of threshold.
                var wave = (int)((step * 7) + (a * 13)) % 1200;
                var value = Meter ? 1000 + (step * 1.5) + (a % 3) : (wave % 97 == 0 ? 5000 : wave);
                Records[i++] = new PointRecord
                {
                    OrgId = "o1",
                    ModelId = "inverter",
                    AssetId = AssetIds[a],
                    PointId = Meter ? "TOTAL_YIELD" : "AC_POWER",
                    Time = time,
                    Value = PointValue.FromNumber(value),
                };
            }
        }
    }
}
