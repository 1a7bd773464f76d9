using Calc.Engine.Plugins;
using Calc.Sdk;

namespace Calc.Engine.Plugins.Tests;

/// <summary>A temporary plugin root into which tests install the built test plugins, deleted at the end.</summary>
public sealed class TestRoot : IDisposable
{
    public TestRoot()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "calc-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The build output of a test plugin project (<c>TestPlugins/&lt;project&gt;</c> next to the tests).</summary>
    public static string Built(string project) => System.IO.Path.Combine(AppContext.BaseDirectory, "TestPlugins", project);

    /// <summary>Copies a built plugin into <c>&lt;root&gt;/&lt;relative&gt;</c> (e.g. <c>test.good/1.0.0</c>) and returns the folder.</summary>
    public string Install(string project, string relative)
    {
        var folder = System.IO.Path.Combine(Path, relative);
        CopyFolder(Built(project), folder);
        return folder;
    }

    public static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, System.IO.Path.Combine(to, System.IO.Path.GetFileName(file)), overwrite: true);
        }
    }

    /// <summary>An engine over this root only.</summary>
    public CalcEngine Engine(ProblemList problems) => CalcEngine.Create(new CalcEngineOptions { PluginRoots = [Path] }, problems);

    public PluginCatalog Catalog() => new([Path]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A plugin file may still be mapped; the OS cleans the temp folder.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
