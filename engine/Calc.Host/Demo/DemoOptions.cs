namespace Calc.Host.Demo;

/// <summary>What <c>calc demo</c> simulates and how fast.</summary>
internal sealed record DemoOptions
{
    public int Days { get; init; } = 2;

    public int Inverters { get; init; } = 22;

    public int Turbines { get; init; } = 4;

    /// <summary>Simulated seconds per wall-clock second; 0 = as fast as possible.</summary>
    public double Speed { get; init; } = 7_200;

    public string DataDirectory { get; init; } = "";

    /// <summary>Where results go besides Garnet: null = the embedded store in <see cref="DataDirectory"/>; else a <c>--tsdb</c> address.</summary>
    public string? TsdbUrl { get; init; }
}
