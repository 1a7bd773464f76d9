using System.Text.Json;
using Calc.Engine;
using Calc.Engine.Plugins;
using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Engine.Hosting.Serve;

/// <summary>
/// Compiles job documents against the newest installed plugins (<see cref="PluginCatalog.Acquire"/>
/// rescans the plugin roots), with the same parser, validation and rule compilers as <c>calc check</c>.
/// At most <see cref="ServeOptions.MaxConcurrentCompiles"/> compiles run at once, so that requests with
/// expensive scripts cannot take every core from the running jobs: a request waits for a slot at most
/// <see cref="ServeOptions.CompileWait"/>, then gets a <see cref="CompilerBusyException"/>; a job's own
/// (re)start waits until a slot is free.
/// </summary>
internal sealed class ServeCompiler : IDisposable
{
    private readonly CalcEngineOptions _rules = EngineFactory.RuleOptions();
    private readonly PluginCatalog _catalog;
    private readonly SemaphoreSlim _slots;
    private readonly int _slotCount;
    private readonly TimeSpan _wait;
    private readonly TimeProvider _time;
    private int _waiting;

    /// <summary>A compiler with the default bound (<see cref="ServeOptions"/>'s defaults).</summary>
    public ServeCompiler(PluginCatalog catalog)
        : this(catalog, ServeOptions.DefaultMaxConcurrentCompiles, ServeOptions.DefaultCompileWait, TimeProvider.System)
    {
    }

    /// <param name="catalog">The installed plugins.</param>
    /// <param name="maxConcurrent">How many compiles may run at once (at least 1).</param>
    /// <param name="wait">How long a request waits for a slot before it is refused (zero: not at all).</param>
    /// <param name="time">The clock of the wait (a fake one in tests).</param>
    public ServeCompiler(PluginCatalog catalog, int maxConcurrent, TimeSpan wait, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxConcurrent);
        ArgumentOutOfRangeException.ThrowIfLessThan(wait, TimeSpan.Zero);
        _catalog = catalog;
        _slots = new SemaphoreSlim(maxConcurrent, maxConcurrent);
        _slotCount = maxConcurrent;
        _wait = wait;
        _time = time;
    }

    /// <summary>How many compiles are running now.</summary>
    public int Running => _slotCount - _slots.CurrentCount;

    /// <summary>How many requests wait for a compile slot now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>
    /// Takes a compile slot as a request does (waiting at most the configured time), for as long as the returned
    /// value is not disposed. The compile methods take one themselves; tests hold one to fill the service.
    /// </summary>
    /// <exception cref="CompilerBusyException">No slot was free within the wait.</exception>
    public IDisposable EnterForRequest()
    {
        if (!_slots.Wait(0))
        {
            if (_wait <= TimeSpan.Zero)
            {
                throw new CompilerBusyException(_slotCount, _wait);
            }

            using var deadline = new CancellationTokenSource(_wait, _time);
            Interlocked.Increment(ref _waiting);
            try
            {
                _slots.Wait(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new CompilerBusyException(_slotCount, _wait);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }

        return new Slot(_slots);
    }

    /// <summary>
    /// Compiles for a run: the job keeps the returned lease (the plugin versions it runs with) until it
    /// stops, and is disposed then (its scripts unload). Null, with every problem in
    /// <paramref name="problems"/> and no lease held, when invalid.
    /// </summary>
    /// <exception cref="CompilerBusyException">No compile slot was free within the wait.</exception>
    public (CompiledJob Job, PluginLease Lease)? CompileForRun(string json, ProblemList problems)
    {
        using var slot = EnterForRequest();
        return Compile(json, problems);
    }

    /// <summary>Compiles for a job's own start: like <see cref="CompileForRun"/>, but waits for a slot until cancelled.</summary>
    public (CompiledJob Job, PluginLease Lease)? CompileForStart(string json, ProblemList problems, CancellationToken cancellation)
    {
        _slots.Wait(cancellation);
        using var slot = new Slot(_slots);
        return Compile(json, problems);
    }

    private (CompiledJob Job, PluginLease Lease)? Compile(string json, ProblemList problems)
    {
        var lease = _catalog.Acquire(new ProblemList());
        var job = CalcEngine.Create(lease.Registry, _rules).Compile(json, problems);
        if (job is null)
        {
            lease.Dispose();
            return null;
        }

        return (job, lease);
    }

    /// <summary>Validates like <c>calc check</c>, plus: the document's <c>id</c> must be <paramref name="expectedId"/> (when given).</summary>
    /// <exception cref="CompilerBusyException">No compile slot was free within the wait.</exception>
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

    /// <summary>
    /// What <c>--isolation untrusted</c> runs in a worker process: the job has a C# script step, or an
    /// operator that no plugin shipped with calc (the <c>plugins</c> folder next to the executable) declares.
    /// Built-in steps (select, threshold, NCalc expressions) and the built-in templates are trusted.
    /// </summary>
    public bool IsUntrusted(CompiledJob job)
    {
        var builtIn = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "plugins")) + Path.DirectorySeparatorChar;
        var trusted = new HashSet<string>(["select", "threshold", "expression"], StringComparer.Ordinal);
        foreach (var install in _catalog.Installs)
        {
            if (Path.GetFullPath(install.Folder).StartsWith(builtIn, StringComparison.Ordinal))
            {
                trusted.UnionWith(install.Operators);
            }
        }

        foreach (var step in job.Steps)
        {
            if (!trusted.Contains(step.OperatorId))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Unloads the plugins; every job must have stopped.</summary>
    public void Dispose()
    {
        _catalog.Dispose();
        _slots.Dispose();
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }

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
