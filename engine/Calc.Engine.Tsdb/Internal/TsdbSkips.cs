namespace Calc.Engine.Tsdb.Internal;

/// <summary>Records of one batch left out, by reason; added to the counters only once the batch is acknowledged.</summary>
internal struct TsdbSkips
{
    public long Policy;
    public long CalMode;
    public long NotNumeric;
    public long BadName;
}
