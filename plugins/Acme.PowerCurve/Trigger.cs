namespace Acme.PowerCurve;

/// <summary>Which records evaluate the curve.</summary>
[Flags]
internal enum Trigger
{
    WindSpeed = 1,
    Power = 2,
    Any = WindSpeed | Power,
}
