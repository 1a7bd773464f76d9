using Microsoft.Extensions.Logging;

namespace Calc.Host.Serve;

/// <summary>What every served job shares: the options, the compiler, the store, the logs and the report line writer (stderr).</summary>
internal sealed record ServeContext(ServeOptions Options, ServeCompiler Compiler, StoreGate Store, ILoggerFactory Loggers, Action<string> Report);
