using Calc.Engine.Metadata;
using Calc.Sdk;

namespace Calc.Engine.Hosting.Serve;

/// <summary>The service's one metadata store, used by the HTTP threads and the job threads one at a time (it is not thread-safe).</summary>
internal sealed class StoreGate(MetadataStore store) : IDisposable
{
    private readonly Lock _gate = new();

    public T Use<T>(Func<MetadataStore, T> action)
    {
        lock (_gate)
        {
            return action(store);
        }
    }

    public void Use(Action<MetadataStore> action)
    {
        lock (_gate)
        {
            action(store);
        }
    }

    /// <summary>What a job of <paramref name="orgId"/> reads when it starts: its org's asset attributes and the models' point types (as <c>calc run</c>).</summary>
    public IAssetDirectory AssetsFor(string orgId) => Use(s => (IAssetDirectory)new StoreAssetDirectory(StoreAssets.Attributes(s, orgId), s.Models()));

    public void Dispose() => store.Dispose();
}
