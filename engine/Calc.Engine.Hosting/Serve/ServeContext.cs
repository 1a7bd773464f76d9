using Calc.Engine.Hosting.Stores;
using Microsoft.Extensions.Logging;

namespace Calc.Engine.Hosting.Serve;

/// <summary>What every served job shares: the options, the compiler, the store, the logs, the report line writer (stderr), the device state (with <c>--state</c>) and the metrics.</summary>
internal sealed record ServeContext(ServeOptions Options, ServeCompiler Compiler, StoreGate Store, ILoggerFactory Loggers, Action<string> Report, ServeState? State = null, ServeMetrics? Metrics = null)
{
    /// <summary>The in-process TSDB writer (<c>--tsdb</c>), whose health <c>GET /health</c> shows.</summary>
    public TopicTsdbWriter? Tsdb { get; init; }
}
