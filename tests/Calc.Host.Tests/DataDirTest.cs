namespace Calc.Host.Tests;

/// <summary>A test with its own data directory (metadata store, packs) in <c>CALC_DATA_DIR</c>, unset afterwards.</summary>
public abstract class DataDirTest : IDisposable
{
    protected DataDirTest()
    {
        Dir = CliRunner.TempDir();
        Environment.SetEnvironmentVariable("CALC_DATA_DIR", Path.Combine(Dir, "data"));
    }

    protected string Dir { get; }

    protected static string TestPlugin(string project) => Path.Combine(AppContext.BaseDirectory, "TestPlugins", project);

    /// <summary>Installs the test plugin <c>test.throwing</c> 3.1.4 (failure and stuck modes) as a pack of this data directory.</summary>
    protected void InstallThrowingPlugin()
    {
        var folder = Path.Combine(Dir, "data", "packs", "test.throwing/3.1.4");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(TestPlugin("ThrowingPlugin")))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
    }

    protected string Write(string name, string text)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("CALC_DATA_DIR", null);
        GC.SuppressFinalize(this);
    }
}
