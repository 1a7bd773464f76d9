namespace Calc.Engine.Plugins;

/// <summary>
/// The plugins one job runs with, from <see cref="PluginCatalog.Acquire"/>: compile the job against
/// <see cref="Registry"/> and keep the lease until the job stops. While it is held, the plugin versions
/// in it stay loaded even if newer ones are installed; disposing it lets them unload.
/// </summary>
public sealed class PluginLease : IDisposable
{
    private readonly PluginCatalog _catalog;
    private PluginSnapshot? _snapshot;

    internal PluginLease(PluginCatalog catalog, PluginSnapshot snapshot)
    {
        _catalog = catalog;
        _snapshot = snapshot;
        Registry = snapshot.Registry;
        Plugins = [.. snapshot.Installs.Select(i => new PluginIdentity(i.Manifest!.Id, i.Manifest.Version))];
    }

    /// <summary>The operators of the plugin versions this job runs with.</summary>
    public OperatorRegistry Registry { get; }

    /// <summary>The plugin versions this job runs with.</summary>
    public IReadOnlyList<PluginIdentity> Plugins { get; }

    public void Dispose()
    {
        var snapshot = Interlocked.Exchange(ref _snapshot, null);
        if (snapshot is not null)
        {
            _catalog.Release(snapshot);
        }
    }
}
