using Calc.Sdk;

namespace Calc.Engine.Plugins;

/// <summary>
/// The plugins installed below the plugin roots, in all their versions, for a long-running engine.
/// Each install is a folder with a manifest (<c>&lt;root&gt;/&lt;id&gt;/&lt;version&gt;/</c>, or
/// <c>&lt;root&gt;/&lt;name&gt;/</c>); for each plugin id the newest version that loads is the one new
/// jobs get. A job takes a <see cref="PluginLease"/> when it starts (<see cref="Acquire"/>) and keeps
/// the versions it started with until it stops, even when newer ones are installed meanwhile; a
/// superseded version's load context is unloaded when the last job using it releases its lease.
/// Thread-safe.
/// </summary>
public sealed partial class PluginCatalog : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, PluginInstall> _installs = new(StringComparer.Ordinal);
    private PluginSnapshot _current = PluginSnapshot.Empty;
    private bool _disposed;

    /// <param name="roots">Folders holding plugin folders; plugins outside them are refused.</param>
    /// <param name="rescanOnAcquire">Look for new or removed installs at every job start (cheap: a directory listing; new folders are read and loaded).</param>
    /// <param name="unloadable">
    /// Load plugins into collectible contexts, so that superseded versions are unloaded. With false,
    /// superseded versions stay in memory until the process ends, and plugin code runs a little faster
    /// (docs/benchmarks.md, "Plugins").
    /// </param>
    public PluginCatalog(IReadOnlyList<string> roots, bool rescanOnAcquire = true, bool unloadable = true)
    {
        Roots = [.. roots.Select(Path.GetFullPath)];
        RescanOnAcquire = rescanOnAcquire;
        Unloadable = unloadable;
    }

    public IReadOnlyList<string> Roots { get; }

    public bool RescanOnAcquire { get; }

    public bool Unloadable { get; }

    /// <summary>The registry new jobs would get now (for validating jobs without running them).</summary>
    public OperatorRegistry Registry
    {
        get
        {
            lock (_gate)
            {
                return _current.Registry;
            }
        }
    }

    /// <summary>Every install found, ordered by id and newest version first.</summary>
    public IReadOnlyList<PluginInstallInfo> Installs
    {
        get
        {
            lock (_gate)
            {
                return [.. _installs.Values.Where(i => !i.Removed || i.Code is not null).Select(i => i.ToInfo())
                    .OrderBy(i => i.Id, StringComparer.Ordinal).ThenByDescending(i => System.Version.TryParse(i.Version, out var v) ? v : null)];
            }
        }
    }

    /// <summary>
    /// The plugins for a job that starts now (after a rescan, when <see cref="RescanOnAcquire"/>).
    /// Dispose the lease when the job stops. Problems of installs that failed go to <paramref name="problems"/>.
    /// </summary>
    public PluginLease Acquire(ProblemList? problems = null)
    {
        if (RescanOnAcquire)
        {
            Rescan(problems ?? new ProblemList());
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var snapshot = _current;
            foreach (var install in snapshot.Installs)
            {
                install.Jobs++;
            }

            return new PluginLease(this, snapshot);
        }
    }

    /// <summary>Unloads every plugin. Running jobs must have stopped.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var install in _installs.Values)
            {
                Unload(install);
            }

            _current = PluginSnapshot.Empty;
        }
    }

    internal void Release(PluginSnapshot snapshot)
    {
        lock (_gate)
        {
            foreach (var install in snapshot.Installs)
            {
                install.Jobs--;
                if (install.Jobs == 0 && install.State == PluginState.Draining)
                {
                    Unload(install);
                }
            }
        }
    }

    private static void Unload(PluginInstall install)
    {
        install.Code?.Dispose();
        install.Code = null;
        if (install.State is PluginState.Active or PluginState.Draining)
        {
            install.State = PluginState.Inactive;
        }
    }
}
