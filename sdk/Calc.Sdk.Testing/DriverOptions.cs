using Calc.Engine.Runtime;

namespace Calc.Sdk.Testing;

/// <summary>How an <see cref="OperatorTestDriver"/> runs.</summary>
public sealed record DriverOptions
{
    /// <summary>The org of the job and of records sent with the string overloads.</summary>
    public string OrgId { get; init; } = "o1";

    /// <summary>The clock; a new <see cref="FakeClock"/> at 0 when null.</summary>
    public FakeClock? Clock { get; init; }

    /// <summary>Asset attributes the operator can read.</summary>
    public AssetDirectory Assets { get; init; } = new();

    /// <summary>Wall-clock silence before an asset's windows are closed (plus the operator's latency).</summary>
    public long IdleTimeoutMs { get; init; } = 60_000;

    /// <summary>
    /// The operator's manifest entry, whose schema the engine checks the configuration against (unknown
    /// fields, required ones, types) before the factory sees it. When null, the driver reads the
    /// <c>calc-plugin.json</c> next to the factory's assembly if its <c>entryAssembly</c> is that assembly
    /// (a plugin project copies its manifest to the test project's output), as Calc does when it loads the plugin.
    /// </summary>
    public OperatorManifest? Manifest { get; init; }

    /// <summary>The rule compiler; <see cref="TestCompilers.Default"/> when null.</summary>
    public IExpressionCompiler? Compiler { get; init; }
}
