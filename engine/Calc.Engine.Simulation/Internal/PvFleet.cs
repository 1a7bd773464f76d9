namespace Calc.Engine.Simulation.Internal;

/// <summary>All simulated inverters, grouped into sites.</summary>
internal sealed class PvFleet
{
    private const ulong SiteStreams = 0x1000_0000;
    private const ulong AssetStreams = 0x2000_0000;
    private readonly PvSite[] _sites;
    private readonly Inverter[] _inverters;
    private readonly FaultPlan _plan;
    private readonly bool[] _siteSilent;
    private readonly int[] _siteOf;

    public PvFleet(FleetOptions options)
    {
        IntervalMs = (long)options.PvSampleInterval.TotalMilliseconds;
        _plan = new FaultPlan(options.Faults, IntervalMs);
        var siteCount = (options.InverterCount + options.InvertersPerSite - 1) / options.InvertersPerSite;
        var offsetMs = (long)options.PvUtcOffset.TotalMilliseconds;
        _sites = new PvSite[siteCount];
        _siteSilent = new bool[siteCount];
        for (var s = 0; s < siteCount; s++)
        {
            _sites[s] = new PvSite("plant" + (s + 1), new Rng(options.Seed, SiteStreams + (ulong)s), offsetMs);
        }

        _inverters = new Inverter[options.InverterCount];
        _siteOf = new int[options.InverterCount];
        for (var i = 0; i < _inverters.Length; i++)
        {
            _siteOf[i] = i / options.InvertersPerSite;
            var id = AssetNames.Format("INV", i + 1, options.InverterCount);
            _inverters[i] = new Inverter(id, _sites[_siteOf[i]], new Rng(options.Seed, AssetStreams + (ulong)i));
        }
    }

    public long IntervalMs { get; }

    public int RecordsPerTick => _inverters.Length * 4;

    public bool IsEmpty => _inverters.Length == 0;

    public void Tick(long t, TickWriter writer)
    {
        for (var s = 0; s < _sites.Length; s++)
        {
            _sites[s].Advance(t, IntervalMs);
            _siteSilent[s] = _sites[s].InOutage(t, _plan, writer);
        }

        for (var i = 0; i < _inverters.Length; i++)
        {
            _inverters[i].Tick(t, IntervalMs, _plan, writer, _siteSilent[_siteOf[i]]);
        }
    }
}
