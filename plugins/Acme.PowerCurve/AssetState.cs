namespace Acme.PowerCurve;

/// <summary>The latest valid wind speed and power of one asset (LastValue); never goes back in time.</summary>
internal sealed class AssetState
{
    public bool HasWind;
    public long WindTime;
    public double WindSpeed;
    public bool HasPower;
    public long PowerTime;
    public double Power;
}
