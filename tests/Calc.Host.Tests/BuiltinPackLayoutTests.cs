namespace Calc.Host.Tests;

/// <summary>
/// Each built-in template's folder holds that template's plugin and nothing of another's: every project
/// under templates/ is there, with only its own DLL (the build once copied every DLL of the output folder
/// into every template folder).
/// </summary>
public sealed class BuiltinPackLayoutTests
{
    [Fact]
    public void ShouldHoldOneFolderPerTemplateProjectWithOnlyItsOwnAssembly()
    {
        var builtin = Path.Combine(AppContext.BaseDirectory, "plugins", "builtin");
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Version.props")))
        {
            root = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar)) ?? throw new InvalidOperationException("no repository");
        }

        var projects = Directory.GetFiles(Path.Combine(root, "templates"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetFileNameWithoutExtension(p)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(projects, Directory.GetDirectories(builtin).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal).ToArray());
        foreach (var name in projects)
        {
            var dlls = Directory.GetFiles(Path.Combine(builtin, name), "*.dll").Select(f => Path.GetFileName(f)).ToArray();
            Assert.Equal(new[] { name + ".dll" }, dlls);
            Assert.True(File.Exists(Path.Combine(builtin, name, "calc-plugin.json")));
        }
    }
}
