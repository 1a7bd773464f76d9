namespace Calc.Engine.Simulation;

/// <summary>What fleet <see cref="FleetSimulator"/> simulates. Every default is named and documented in docs/demo-data.md.</summary>
public sealed record FleetOptions
{
    /// <summary>Default organization id of the records.</summary>
    public const string DefaultOrgId = "o1";

    /// <summary>The shortest sample interval supported.</summary>
    public static readonly TimeSpan MinSampleInterval = TimeSpan.FromSeconds(1);

    /// <summary>Seed of every random process: the same options give the same records.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Number of PV inverters (model <c>inverter</c>, assets <c>INV01</c>...).</summary>
    public int InverterCount { get; init; } = 22;

    /// <summary>Inverters per PV site (<c>plant1</c>, <c>plant2</c>...); the real plant has 22.</summary>
    public int InvertersPerSite { get; init; } = 22;

    /// <summary>Number of wind turbines (model <c>turbine</c>, assets <c>WTG01</c>...).</summary>
    public int TurbineCount { get; init; } = 4;

    /// <summary>Turbines per wind site (<c>farm1</c>, <c>farm2</c>...).</summary>
    public int TurbinesPerSite { get; init; } = 10;

    /// <summary>The orgId of every record.</summary>
    public string OrgId { get; init; } = DefaultOrgId;

    /// <summary>Where the simulation starts: meters have their initial values here, samples are aligned to it.</summary>
    public DateTimeOffset StartTime { get; init; } = new(2020, 5, 15, 0, 0, 0, TimeSpan.FromHours(5.5));

    /// <summary>Sample interval of inverters (15 min like the real plant; down to 1 s).</summary>
    public TimeSpan PvSampleInterval { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Sample interval of turbines (10 min like the real SCADA data; down to 1 s).</summary>
    public TimeSpan WindSampleInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Local time of the PV sites (day curve and DAILY_YIELD reset): UTC+05:30 like the real plant.</summary>
    public TimeSpan PvUtcOffset { get; init; } = TimeSpan.FromHours(5.5);

    /// <summary>Fault injection rates; <see cref="FaultRates.None"/> for clean data.</summary>
    public FaultRates Faults { get; init; } = new();

    /// <summary>Every problem with these options, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (InverterCount < 0 || TurbineCount < 0)
        {
            problems.Add("inverter and turbine counts must not be negative");
        }

        if (InvertersPerSite < 1 || TurbinesPerSite < 1)
        {
            problems.Add("assets per site must be at least 1");
        }

        if (string.IsNullOrEmpty(OrgId))
        {
            problems.Add("orgId must not be empty");
        }

        if (PvSampleInterval < MinSampleInterval || WindSampleInterval < MinSampleInterval)
        {
            problems.Add("sample intervals must be at least 1s");
        }

        if (PvSampleInterval.Ticks % TimeSpan.TicksPerMillisecond != 0 || WindSampleInterval.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            problems.Add("sample intervals must be whole milliseconds");
        }

        if (Faults.GapMin <= TimeSpan.Zero || Faults.GapMax < Faults.GapMin
            || Faults.StuckMin <= TimeSpan.Zero || Faults.StuckMax < Faults.StuckMin
            || Faults.CurtailmentMin <= TimeSpan.Zero || Faults.CurtailmentMax < Faults.CurtailmentMin)
        {
            problems.Add("fault durations must be positive with min <= max");
        }

        return problems;
    }
}
