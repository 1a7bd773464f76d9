namespace Calc.Engine.Simulation.Internal;

/// <summary>All simulated turbines, grouped into sites.</summary>
internal sealed class WindFleet
{
    private const ulong SiteStreams = 0x3000_0000;
    private const ulong AssetStreams = 0x4000_0000;
    private readonly WindSite[] _sites;
    private readonly Turbine[] _turbines;
    private readonly FaultPlan _plan;
    private readonly bool[] _siteSilent;
    private readonly int[] _siteOf;
    private readonly WindStep _step;

    public WindFleet(FleetOptions options)
    {
        IntervalMs = (long)options.WindSampleInterval.TotalMilliseconds;
        _plan = new FaultPlan(options.Faults, IntervalMs);
        var siteCount = (options.TurbineCount + options.TurbinesPerSite - 1) / options.TurbinesPerSite;
        _step = WindStep.For(IntervalMs);
        _sites = new WindSite[siteCount];
        _siteSilent = new bool[siteCount];
        for (var s = 0; s < siteCount; s++)
        {
            _sites[s] = new WindSite("farm" + (s + 1), new Rng(options.Seed, SiteStreams + (ulong)s));
        }

        _turbines = new Turbine[options.TurbineCount];
        _siteOf = new int[options.TurbineCount];
        for (var i = 0; i < _turbines.Length; i++)
        {
            _siteOf[i] = i / options.TurbinesPerSite;
            var id = AssetNames.Format("WTG", i + 1, options.TurbineCount);
            _turbines[i] = new Turbine(id, _sites[_siteOf[i]], new Rng(options.Seed, AssetStreams + (ulong)i));
        }
    }

    public long IntervalMs { get; }

    public int RecordsPerTick => _turbines.Length * 4;

    public bool IsEmpty => _turbines.Length == 0;

    public void Tick(long t, TickWriter writer)
    {
        for (var s = 0; s < _sites.Length; s++)
        {
            _sites[s].Advance(t, IntervalMs, _step.SlowRho);
            _siteSilent[s] = _sites[s].InOutage(t, _plan, writer);
        }

        for (var i = 0; i < _turbines.Length; i++)
        {
            _turbines[i].Tick(t, _step, _plan, writer, _siteSilent[_siteOf[i]]);
        }
    }
}
