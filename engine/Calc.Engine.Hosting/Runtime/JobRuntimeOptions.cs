using Calc.Engine.Hosting.Stores;
using Calc.Engine.Jobs;
using Microsoft.Extensions.Logging;

namespace Calc.Engine.Hosting.Runtime;

/// <summary>
/// What <see cref="JobRuntime"/> assembles around one job. A store is either opened for the job
/// (<see cref="Stores"/>: the job's <c>outputs</c> plus the runner's flags) or shared by the runner
/// (<see cref="SharedState"/>, <see cref="SharedTsdb"/>: one Garnet for all of <c>calc serve</c>'s jobs,
/// one TSDB for the demo's), and then neither opened nor closed here.
/// </summary>
internal sealed record JobRuntimeOptions
{
    public required JobDefinition Job { get; init; }

    /// <summary>Which stores to open for this job, and where.</summary>
    public StoreOptions Stores { get; init; } = new();

    /// <summary>Device state kept by the runner for every job (used instead of opening one).</summary>
    public StateServices? SharedState { get; init; }

    /// <summary>A TSDB kept by the runner for every job, used instead of opening one when <see cref="StoreOptions.Tsdb"/> asks for a TSDB.</summary>
    public TsdbServices? SharedTsdb { get; init; }

    /// <summary>Input records feed the latest values and connection status (the demo's second job does not, so its inputs are not counted twice).</summary>
    public bool ObserveInputs { get; init; } = true;

    /// <summary>
    /// A Kafka run with its own state store: partition checkpoints are kept in that store (state and
    /// offset in one write), the job's lease is held there, and connection changes go to its output topic.
    /// </summary>
    public bool StateOwnsCheckpoints { get; init; }

    /// <summary>The data directory: the embedded Garnet (<c>garnet/</c>) and TSDB (<c>tsdb.db</c>) live there.</summary>
    public string DataDirectory { get; init; } = Hosting.DataDirectory.Path;

    public required ILoggerFactory Loggers { get; init; }

    /// <summary>Where the start-up lines go (stderr), with <see cref="Command"/> before them.</summary>
    public TextWriter Report { get; init; } = TextWriter.Null;

    public string Command { get; init; } = "calc run";
}
