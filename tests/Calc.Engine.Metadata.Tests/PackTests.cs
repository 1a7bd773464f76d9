using System.IO.Compression;
using System.Runtime.Loader;
using Calc.Sdk;

namespace Calc.Engine.Metadata.Tests;

public sealed class PackTests
{
    [Fact]
    public void ShouldInstallAFolderIntoPacksIdVersion()
    {
        using var temp = new TempStore();
        var problems = new ProblemList();

        var pack = new PackInstaller(temp.Store, temp.PacksRoot).Install(TempStore.TestPlugin("VersionedPluginV1"), force: false, problems);

        Assert.Empty(problems.Items);
        Assert.NotNull(pack);
        Assert.Equal(("test.versioned", "1.0.0", "1.0.0", false), (pack.Id, pack.Version, pack.SdkVersion, pack.BuiltIn));
        Assert.Equal(["test.versioned"], pack.Operators);
        Assert.Equal(Path.Combine(temp.PacksRoot, "test.versioned", "1.0.0"), pack.Folder);
        Assert.True(File.Exists(Path.Combine(pack.Folder, "VersionedPlugin.dll")));
        Assert.False(Directory.Exists(Path.Combine(temp.PacksRoot, ".staging")) && Directory.EnumerateFileSystemEntries(Path.Combine(temp.PacksRoot, ".staging")).Any());
    }

    [Fact]
    public void ShouldInstallAZipAndUpgradeToANewerVersionSideBySide()
    {
        using var temp = new TempStore();
        var installer = new PackInstaller(temp.Store, temp.PacksRoot);
        installer.Install(TempStore.TestPlugin("VersionedPluginV1"), force: false, new ProblemList());
        var zip = Path.Combine(temp.Folder, "v2.zip");
        ZipFile.CreateFromDirectory(TempStore.TestPlugin("VersionedPluginV2"), zip, CompressionLevel.Fastest, includeBaseDirectory: true);

        var pack = installer.Install(zip, force: false, new ProblemList());

        Assert.NotNull(pack);
        Assert.Equal("2.0.0", pack.Version);
        Assert.Equal(["1.0.0", "2.0.0"], temp.Store.Packs().Select(p => p.Version));
        Assert.True(File.Exists(Path.Combine(temp.PacksRoot, "test.versioned", "2.0.0", "calc-plugin.json")));
    }

    [Fact]
    public void ShouldRefuseAnEqualOrOlderVersionUnlessForced()
    {
        using var temp = new TempStore();
        var installer = new PackInstaller(temp.Store, temp.PacksRoot);
        installer.Install(TempStore.TestPlugin("VersionedPluginV2"), force: false, new ProblemList());
        var older = new ProblemList();
        var same = new ProblemList();

        Assert.Null(installer.Install(TempStore.TestPlugin("VersionedPluginV1"), force: false, older));
        Assert.Null(installer.Install(TempStore.TestPlugin("VersionedPluginV2"), force: false, same));
        Assert.NotNull(installer.Install(TempStore.TestPlugin("VersionedPluginV2"), force: true, new ProblemList()));

        Assert.Equal("test.versioned: version 1.0.0 is older than the installed 2.0.0; --force installs it anyway (the newest installed version stays the one jobs get)", Assert.Single(older.Items).ToString());
        Assert.Equal("test.versioned: version 2.0.0 is already installed; --force reinstalls it", Assert.Single(same.Items).ToString());
        Assert.Equal(["2.0.0"], temp.Store.Packs().Select(p => p.Version));
    }

    [Fact]
    public void ShouldRefuseAPackForAnotherSdkMajorBeforeLoadingItsCode()
    {
        using var temp = new TempStore();
        var problems = new ProblemList();

        var pack = new PackInstaller(temp.Store, temp.PacksRoot).Install(TempStore.TestPlugin("WrongSdkPlugin"), force: false, problems);

        Assert.Null(pack);
        Assert.Contains(problems.Items, p => p.Path.EndsWith("calc-plugin.json: sdkVersion", StringComparison.Ordinal)
            && p.Message.StartsWith("the plugin was built against SDK 2.0.0; this Calc runs SDK 1.1.0", StringComparison.Ordinal));
        Assert.DoesNotContain(AssemblyLoadContext.All.SelectMany(c => c.Assemblies), a => a.GetName().Name == "WrongSdkPlugin");
        Assert.Empty(temp.Store.Packs());
        Assert.False(Directory.Exists(Path.Combine(temp.PacksRoot, "test.wrong-sdk")));
    }

    [Fact]
    public void ShouldRefuseRemovalWhileAStoredJobUsesThePackNamingTheJob()
    {
        using var temp = new TempStore();
        var pack = new PackInstaller(temp.Store, temp.PacksRoot).Install(TempStore.TestPlugin("VersionedPluginV1"), force: false, new ProblemList())!;
        temp.Store.SaveJob("versioned-job", "{}", ["test.versioned"]);
        var remover = new PackRemover(temp.Store, temp.PacksRoot);

        var refused = remover.Remove("test.versioned", null);
        temp.Store.DeleteJob("versioned-job");
        var removed = remover.Remove("test.versioned", null);

        Assert.Equal([("versioned-job", "test.versioned")], refused.Users);
        Assert.Empty(refused.Removed);
        Assert.Equal(["1.0.0"], removed.Removed.Select(p => p.Version));
        Assert.Empty(temp.Store.Packs());
        Assert.False(Directory.Exists(pack.Folder));
        Assert.False(Directory.Exists(Path.Combine(temp.PacksRoot, "test.versioned")));
    }

    [Fact]
    public void ShouldAllowRemovingAnOlderVersionWhileANewerOneStillProvidesTheOperator()
    {
        using var temp = new TempStore();
        var installer = new PackInstaller(temp.Store, temp.PacksRoot);
        installer.Install(TempStore.TestPlugin("VersionedPluginV1"), force: false, new ProblemList());
        installer.Install(TempStore.TestPlugin("VersionedPluginV2"), force: false, new ProblemList());
        temp.Store.SaveJob("versioned-job", "{}", ["test.versioned"]);

        var result = new PackRemover(temp.Store, temp.PacksRoot).Remove("test.versioned", "1.0.0");

        Assert.Equal(["1.0.0"], result.Removed.Select(p => p.Version));
        Assert.Equal(["2.0.0"], temp.Store.Packs().Select(p => p.Version));
    }

    [Fact]
    public void ShouldRegisterTheBuiltInPackAndNeverRemoveIt()
    {
        using var temp = new TempStore();
        var builtin = Path.Combine(temp.Folder, "builtin");
        CopyFolder(TempStore.TestPlugin("VersionedPluginV1"), Path.Combine(builtin, "Versioned"));

        BuiltinPack.Register(temp.Store, builtin);
        BuiltinPack.Register(temp.Store, builtin);
        var result = new PackRemover(temp.Store, temp.PacksRoot).Remove("test.versioned", null);

        var pack = Assert.Single(temp.Store.Packs());
        Assert.True(pack.BuiltIn);
        Assert.Equal(Path.Combine(builtin, "Versioned"), pack.Folder);
        Assert.True(result.BuiltIn);
        Assert.True(Directory.Exists(Path.Combine(builtin, "Versioned")));
    }

    [Fact]
    public void ShouldRemoveAnUpgradeOfTheBuiltInPackAndKeepTheBuiltInVersion()
    {
        using var temp = new TempStore();
        var builtin = Path.Combine(temp.Folder, "builtin");
        CopyFolder(TempStore.TestPlugin("VersionedPluginV1"), Path.Combine(builtin, "Versioned"));
        BuiltinPack.Register(temp.Store, builtin);
        new PackInstaller(temp.Store, temp.PacksRoot).Install(TempStore.TestPlugin("VersionedPluginV2"), force: false, new ProblemList());
        temp.Store.SaveJob("versioned-job", "{}", ["test.versioned"]);

        var result = new PackRemover(temp.Store, temp.PacksRoot).Remove("test.versioned", null);

        // The job still has the operator from the built-in 1.0.0, so the removal is allowed.
        Assert.Equal(["2.0.0"], result.Removed.Select(p => p.Version));
        Assert.Equal([("1.0.0", true)], temp.Store.Packs().Select(p => (p.Version, p.BuiltIn)));
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
