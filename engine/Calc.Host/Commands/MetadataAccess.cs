using Calc.Engine.Metadata;
using Calc.Engine.Runtime;
using Calc.Sdk;
using Microsoft.Data.Sqlite;

namespace Calc.Host.Commands;

/// <summary>Where the metadata store and installed packs live (the data directory), and opening the store.</summary>
internal static class MetadataAccess
{
    public static string DatabasePath => Path.Combine(DataDirectory.Path, MetadataStore.FileName);

    public static string PacksRoot => DataDirectory.PacksRoot;

    public static string BuiltinRoot => Path.Combine(AppContext.BaseDirectory, "plugins", "builtin");

    /// <summary>Opens (creating and migrating) the store and records the built-in pack; null, with the reason printed, on failure.</summary>
    public static MetadataStore? Open(ConsoleIo io, string command)
    {
        try
        {
            var store = MetadataStore.Open(DatabasePath);
            BuiltinPack.Register(store, BuiltinRoot);
            return store;
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            io.Error.WriteLine($"calc {command}: cannot open the metadata store {DatabasePath}: {ex.Message}");
            return null;
        }
    }

    /// <summary>
    /// The asset directory for <c>calc run</c>: attributes from <paramref name="file"/> when <c>--assets</c>
    /// was given, else from the store (the job's org); point types from the store's models. Without a
    /// store (no <c>metadata.db</c> yet) it is the file's directory, or an empty one.
    /// </summary>
    public static IAssetDirectory? ForRun(string jobPath, AssetDirectory? file, ConsoleIo io)
    {
        if (!File.Exists(DatabasePath))
        {
            return file ?? new AssetDirectory();
        }

        using var store = Open(io, "run");
        if (store is null)
        {
            return null;
        }

        var attributes = file ?? StoreAssets.Attributes(store, OrgOf(jobPath));
        return new StoreAssetDirectory(attributes, store.Models());
    }

    /// <summary>The job's orgId, read without compiling it (empty when it cannot be read: the job compile reports why).</summary>
    private static string OrgOf(string jobPath)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(jobPath));
            return doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && doc.RootElement.TryGetProperty("orgId", out var org) && org.ValueKind == System.Text.Json.JsonValueKind.String
                ? org.GetString()! : "";
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
