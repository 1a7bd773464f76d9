using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Engine.Plugins.Tests;

/// <summary>
/// A newer version installed while Calc runs goes to jobs started afterwards; running jobs keep theirs;
/// a superseded version's load context is unloaded once no job uses it.
/// </summary>
public sealed class HotReloadTests : IDisposable
{
    private const string Step = """{"op":"test.versioned","params":{"input":"m::P","output":"m::V"}}""";

    private readonly TestRoot _root = new();

    [Fact]
    public void ShouldGiveJobsStartedAfterAnInstallTheNewVersionWhileRunningJobsKeepTheirs()
    {
        _root.Install("VersionedPluginV1", "test.versioned/1.0.0");
        using var catalog = _root.Catalog();
        using var lease1 = catalog.Acquire();
        var (lane1, out1) = Start(lease1, "job-1");
        lane1.Process(Jobs.Record("A", 1, 0));

        Install("VersionedPluginV2", "test.versioned/2.0.0");
        using var lease2 = catalog.Acquire();
        var (lane2, out2) = Start(lease2, "job-2");
        lane1.Process(Jobs.Record("A", 2, 0));
        lane2.Process(Jobs.Record("A", 2, 0));

        Assert.Equal([1.0, 1.0], out1.Records.Select(r => r.Value.Number));
        Assert.Equal([2.0], out2.Records.Select(r => r.Value.Number));
        Assert.Equal([new PluginIdentity("test.versioned", "1.0.0")], lease1.Plugins);
        Assert.Equal([new PluginIdentity("test.versioned", "2.0.0")], lease2.Plugins);
        Assert.Equal([("2.0.0", PluginState.Active, 1), ("1.0.0", PluginState.Draining, 1)], States(catalog));
        Assert.Equal(2, LoadedContexts.Holding("VersionedPlugin", _root.Path).Count);

        lane1.Close();
        lease1.Dispose();

        Assert.Equal([("2.0.0", PluginState.Active, 1), ("1.0.0", PluginState.Inactive, 0)], States(catalog));
        lane2.Close();
    }

    [Fact]
    public void ShouldUnloadTheOldVersionsLoadContextWhenNoJobUsesIt()
    {
        _root.Install("VersionedPluginV1", "test.versioned/1.0.0");
        using var catalog = _root.Catalog();

        var v1 = RunAJobOnV1ThenInstallV2(catalog);

        for (var i = 0; i < 20 && v1.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(v1.IsAlive, "the 1.0.0 load context should have been collected");
        Assert.Equal(["VersionedPlugin 2.0.0.0"], LoadedContexts.Holding("VersionedPlugin", _root.Path)
            .SelectMany(c => c.Assemblies).Select(a => $"{a.GetName().Name} {a.GetName().Version}"));
    }

    [Fact]
    public void ShouldKeepTheActiveVersionWhenANewerOneFailsAndTakeTheNewerOnceItIsFixed()
    {
        _root.Install("VersionedPluginV1", "test.versioned/1.0.0");
        using var catalog = _root.Catalog();
        var broken = Install("VersionedPluginV2", "test.versioned/2.0.0", m => m["entryType"] = "VersionedPlugin.Missing");
        var problems = new ProblemList();

        using (var lease = catalog.Acquire(problems))
        {
            Assert.Equal("1.0.0", Assert.Single(lease.Plugins).Version);
        }

        Assert.Equal($"{broken}: plugin 'test.versioned' 2.0.0 failed to load: entry type 'VersionedPlugin.Missing' is not in VersionedPlugin.dll", Assert.Single(problems.Items).ToString());
        Assert.Equal([("2.0.0", PluginState.Failed, 0), ("1.0.0", PluginState.Active, 0)], States(catalog));

        LoadingTests.Rewrite(broken, m => m["entryType"] = "VersionedPlugin.VersionedPlugin");
        File.SetLastWriteTimeUtc(Path.Combine(broken, "calc-plugin.json"), DateTime.UtcNow.AddSeconds(1));
        using var fixedLease = catalog.Acquire();

        Assert.Equal("2.0.0", Assert.Single(fixedLease.Plugins).Version);
        Assert.Equal([("2.0.0", PluginState.Active, 1), ("1.0.0", PluginState.Inactive, 0)], States(catalog));
    }

    [Fact]
    public void ShouldStopGivingARemovedPluginToNewJobs()
    {
        var folder = _root.Install("GoodPlugin", "test.good/1.0.0");
        using var catalog = _root.Catalog();
        using (var lease = catalog.Acquire())
        {
            Assert.True(lease.Registry.TryGet("test.scale", out _));
        }

        Directory.Delete(folder, recursive: true);
        var changed = catalog.Rescan(new ProblemList());
        using var after = catalog.Acquire();

        Assert.True(changed);
        Assert.False(after.Registry.TryGet("test.scale", out _));
        Assert.Empty(catalog.Installs);
    }

    public void Dispose() => _root.Dispose();

    /// <summary>Runs a job on 1.0.0, installs 2.0.0, stops the job: returns a weak reference to 1.0.0's context (no strong one left).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private WeakReference RunAJobOnV1ThenInstallV2(PluginCatalog catalog)
    {
        var lease = catalog.Acquire();
        var (lane, outputs) = Start(lease, "job-1");
        lane.Process(Jobs.Record("A", 1, 0));
        var context = new WeakReference(Assert.Single(LoadedContexts.Holding("VersionedPlugin", _root.Path)));

        Install("VersionedPluginV2", "test.versioned/2.0.0");
        catalog.Rescan(new ProblemList());
        Assert.True(context.IsAlive);
        Assert.Equal(PluginState.Draining, catalog.Installs.Single(i => i.Version == "1.0.0").State);
        lane.Close();
        lease.Dispose();
        Assert.Equal([1.0], outputs.Records.Select(r => r.Value.Number));
        Assert.DoesNotContain(((AssemblyLoadContext)context.Target!).Assemblies, a => a.GetName().Version?.Major == 2);
        return context;
    }

    /// <summary>Installs as an admin should: copied next to the root, then moved into place in one rename.</summary>
    private string Install(string project, string relative, Action<System.Text.Json.Nodes.JsonNode>? change = null)
    {
        var staging = Path.Combine(_root.Path, ".staging-" + Guid.NewGuid().ToString("N"));
        TestRoot.CopyFolder(TestRoot.Built(project), staging);
        if (change is not null)
        {
            LoadingTests.Rewrite(staging, change);
        }

        var folder = Path.Combine(_root.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
        Directory.Move(staging, folder);
        return folder;
    }

    private static (JobInstance Lane, CollectingSink Outputs) Start(PluginLease lease, string jobId)
    {
        var sink = new CollectingSink();
        var lane = new JobInstance(Jobs.Compile(lease.Registry, Step, jobId), sink);
        lane.Open();
        return (lane, sink);
    }

    private static List<(string Version, PluginState State, int Jobs)> States(PluginCatalog catalog) =>
        [.. catalog.Installs.Where(i => i.Id == "test.versioned").Select(i => (i.Version, i.State, i.Jobs))];
}
