namespace Calc.Engine.Tsdb;

/// <summary>Which write endpoint a line-protocol database has.</summary>
public enum LineProtocolFlavor
{
    /// <summary>VictoriaMetrics: <c>POST /write?precision=ms</c>.</summary>
    VictoriaMetrics,

    /// <summary>InfluxDB 1.x: <c>POST /write?db=DB&amp;precision=ms</c>.</summary>
    InfluxDb1,

    /// <summary>InfluxDB 2.x: <c>POST /api/v2/write?org=ORG&amp;bucket=BUCKET&amp;precision=ms</c> with <c>Authorization: Token …</c>.</summary>
    InfluxDb2,
}
