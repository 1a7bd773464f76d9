namespace Calc.Engine.Metadata.Tests;

/// <summary>A metadata store in a fresh temporary folder, deleted afterwards.</summary>
internal sealed class TempStore : IDisposable
{
    public TempStore()
    {
        Folder = Path.Combine(Path.GetTempPath(), "calc-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Store = MetadataStore.Open(DatabasePath);
    }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, MetadataStore.FileName);

    public string PacksRoot => Path.Combine(Folder, "packs");

    public MetadataStore Store { get; }

    public string Write(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    public static string TestPlugin(string project) => Path.Combine(AppContext.BaseDirectory, "TestPlugins", project);

    public void Dispose()
    {
        Store.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
