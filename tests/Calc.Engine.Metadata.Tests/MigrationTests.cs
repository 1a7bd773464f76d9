using Dapper;

namespace Calc.Engine.Metadata.Tests;

public sealed class MigrationTests
{
    [Fact]
    public void ShouldCreateTheLatestSchemaOnANewFile()
    {
        using var temp = new TempStore();

        Assert.Equal(6, temp.Store.SchemaVersion);
        Assert.Equal(MetadataMigrations.Latest, temp.Store.SchemaVersion);
    }

    [Fact]
    public void ShouldMigrateAVersion1DatabaseKeepingItsRows()
    {
        var folder = Path.Combine(Path.GetTempPath(), "calc-test-" + Guid.NewGuid().ToString("N"));
        var path = Path.Combine(folder, MetadataStore.FileName);
        using (var v1 = MetadataStore.Connect(path))
        {
            MetadataMigrations.Apply(v1, target: 1);
            Assert.Equal(1, MetadataMigrations.VersionOf(v1));
            v1.Execute("INSERT INTO assets (org, id, model, attributes) VALUES ('o1', 'INV01', 'inverter', '{\"ratedPower\":100}')");
            Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => v1.Execute("SELECT * FROM models"));
        }

        using (var store = MetadataStore.Open(path))
        {
            Assert.Equal(6, store.SchemaVersion);
            Assert.Null(store.Assets().Single().Parent);
            var asset = Assert.Single(store.Assets());
            Assert.Equal(100.0, asset.Attributes["ratedPower"].Number);
            store.SaveModels([new ModelRecord("inverter", new Dictionary<string, Sdk.PointType> { ["STATE"] = Sdk.PointType.Long })]);
            Assert.Equal(Sdk.PointType.Long, Assert.Single(store.Models()).Points["STATE"]);
            store.SetJobStopped("j", stopped: true);
            Assert.Equal(["j"], store.StoppedJobs());
            var replay = new JobReplay("j", 1, 1_514_872_800_000, null, DateTimeOffset.Parse("2026-12-04T04:00:00.1234567Z", System.Globalization.CultureInfo.InvariantCulture), "ci");
            store.SetJobReplay(replay);
            Assert.Equal(replay, store.JobReplay("j"));
        }

        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void ShouldRefuseADatabaseNewerThanThisCalc()
    {
        using var temp = new TempStore();
        var path = Path.Combine(temp.Folder, "newer.db");
        using (var connection = MetadataStore.Connect(path))
        {
            connection.Execute("PRAGMA user_version = 99");
        }

        var error = Assert.Throws<InvalidOperationException>(() => MetadataStore.Open(path));
        Assert.Contains("schema version 99, newer than this Calc knows (6)", error.Message, StringComparison.Ordinal);
    }
}
