using System.Text.Json;
using Calc.Engine;
using Calc.Engine.Plugins;
using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Engine.Hosting.Serve;

/// <summary>
/// Compiles job documents against the newest installed plugins (<see cref="PluginCatalog.Acquire"/>
/// rescans the plugin roots), with the same parser, validation and rule compilers as <c>calc check</c>.
/// </summary>
internal sealed class ServeCompiler(PluginCatalog catalog) : IDisposable
{
    private readonly CalcEngineOptions _rules = EngineFactory.RuleOptions();

    /// <summary>
    /// Compiles for a run: the job keeps the returned lease (the plugin versions it runs with) until it
    /// stops, and is disposed then (its scripts unload). Null, with every problem in
    /// <paramref name="problems"/> and no lease held, when invalid.
    /// </summary>
    public (CompiledJob Job, PluginLease Lease)? CompileForRun(string json, ProblemList problems)
    {
        var lease = catalog.Acquire(new ProblemList());
        var job = CalcEngine.Create(lease.Registry, _rules).Compile(json, problems);
        if (job is null)
        {
            lease.Dispose();
            return null;
        }

        return (job, lease);
    }

    /// <summary>Validates like <c>calc check</c>, plus: the document's <c>id</c> must be <paramref name="expectedId"/> (when given).</summary>
    public CompiledJob? Validate(string json, string? expectedId, ProblemList problems)
    {
        var compiled = CompileForRun(json, problems);
        compiled?.Job.Dispose();
        compiled?.Lease.Dispose();
        if (expectedId is not null && IdOf(json) is { } id && id != expectedId)
        {
            problems.Add("id", $"the job's id '{id}' differs from '{expectedId}' in the URL: send it to PUT /jobs/{id}, or change the id");
        }

        return problems.IsEmpty ? compiled?.Job : null;
    }

    /// <summary>Unloads the plugins; every job must have stopped.</summary>
    public void Dispose() => catalog.Dispose();

    private static string? IdOf(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
