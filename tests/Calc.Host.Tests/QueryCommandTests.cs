using Calc.Engine.Tsdb;
using Calc.Host.Commands;
using Calc.Sdk;

namespace Calc.Host.Tests;

public sealed class QueryCommandTests : IDisposable
{
    private const long T0 = 1_589_500_800_000; // 2020-05-15T00:00:00Z
    private readonly string _dir = CliRunner.TempDir();
    private readonly string _db;

    public QueryCommandTests()
    {
        _db = Path.Combine(_dir, "tsdb.db");
        using var store = SqliteTsdb.Open(_db);
        store.WriteAsync(
        [
            Number("INV01", "ENERGY_DAY", T0, 1.5),
            Number("INV01", "ENERGY_DAY", T0 + 1_800_000, 2.5),
            Number("INV01", "ENERGY_DAY", T0 + 3_600_000, 4),
            Make("INV01", "STATE", T0, PointValue.FromString("a,\"b\"")),
        ], default).GetAwaiter().GetResult();
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ShouldPrintARawTableWithIsoTimes()
    {
        var (code, output, _) = Run("--asset", "INV01", "--point", "ENERGY_DAY", "--db", _db);

        Assert.Equal(0, code);
        Assert.Equal("""
            inverter::ENERGY_DAY of INV01 (org o1)
            time                      value
            2020-05-15T00:00:00.000Z  1.5
            2020-05-15T00:30:00.000Z  2.5
            2020-05-15T01:00:00.000Z  4
            (3 rows)

            """, output);
    }

    [Fact]
    public void ShouldPrintBucketAveragesWithinTheRange()
    {
        var (code, output, _) = Run("--asset=INV01", "--point=ENERGY_DAY", "--from", "2020-05-15T00:00:00Z", "--to", "1589508000000",
            "--every", "1h", "--agg", "avg", "--db", _db);

        Assert.Equal(0, code);
        Assert.Equal("""
            inverter::ENERGY_DAY of INV01 (org o1), avg per 1h
            time                      avg
            2020-05-15T00:00:00.000Z  2
            2020-05-15T01:00:00.000Z  4
            (2 rows)

            """, output);
    }

    [Fact]
    public void ShouldPrintPointRecordsAsJson()
    {
        var (code, output, _) = Run("--asset", "INV01", "--point", "ENERGY_DAY", "--to", "2020-05-15T00:30:00Z", "--format", "json", "--db", _db);

        Assert.Equal(0, code);
        Assert.Equal("""
            [
            {"orgId":"o1","modelId":"inverter","assetId":"INV01","pointId":"ENERGY_DAY","time":1589500800000,"value":1.5}
            ]

            """, output);
    }

    [Fact]
    public void ShouldMarkAggregatesInJson()
    {
        var (_, output, _) = Run("--asset", "INV01", "--point", "ENERGY_DAY", "--every", "1d", "--agg", "count", "--format", "json", "--db", _db);

        Assert.Equal("""
            [
            {"orgId":"o1","modelId":"inverter","assetId":"INV01","pointId":"ENERGY_DAY","time":1589500800000,"value":3,"attr":{"aggregation":"count","every":"1d"}}
            ]

            """, output);
    }

    [Fact]
    public void ShouldPrintCsvWithQuotedText()
    {
        var (code, output, _) = Run("--asset", "INV01", "--point", "STATE", "--format", "csv", "--org", "o1", "--db", _db);

        Assert.Equal(0, code);
        Assert.Equal(""""
            orgId,modelId,assetId,pointId,time,value
            o1,inverter,INV01,STATE,2020-05-15T00:00:00.000Z,"a,""b"""

            """", output);
    }

    [Fact]
    public void ShouldPrintAnEmptyJsonArrayWhenNothingMatches()
    {
        var (code, output, _) = Run("--asset", "NOPE", "--point", "ENERGY_DAY", "--format", "json", "--db", _db);

        Assert.Equal((0, "[]\n"), (code, output));
    }

    [Fact]
    public void ShouldListEveryBadArgumentAndExitWith2()
    {
        var (code, output, error) = Run("--point", "P", "--from", "yesterday", "--every", "1x", "--agg", "median", "--format", "xml", "--colour", "red", "--db", _db);

        Assert.Equal((2, ""), (code, output));
        Assert.Contains("calc query: --asset: is required", error, StringComparison.Ordinal);
        Assert.Contains("calc query: --from: 'yesterday' is not a time", error, StringComparison.Ordinal);
        Assert.Contains("calc query: --every: '1x' is not a duration", error, StringComparison.Ordinal);
        Assert.Contains("calc query: --agg: 'median' is not an aggregation", error, StringComparison.Ordinal);
        Assert.Contains("calc query: --format: 'xml' is not a format", error, StringComparison.Ordinal);
        Assert.Contains("calc query: unknown option --colour", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRequireEveryAndAggTogether()
    {
        var (code, _, error) = Run("--asset", "INV01", "--point", "P", "--agg", "avg", "--db", _db);

        Assert.Equal(2, code);
        Assert.Contains("calc query: --every: every and agg go together", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldExitWith2WhenThereIsNoStore()
    {
        var (code, _, error) = Run("--asset", "INV01", "--point", "P", "--db", Path.Combine(_dir, "missing.db"));

        Assert.Equal(2, code);
        Assert.StartsWith("calc query: no embedded TSDB at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldUseTheDefaultStoreWithoutDb()
    {
        var output = new StringWriter();
        var code = QueryCli.Run(["--asset", "INV01", "--point", "ENERGY_DAY", "--format", "csv"], _db, new ConsoleIo(TextReader.Null, output, new StringWriter()));

        Assert.Equal(0, code);
        Assert.Equal(4, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void ShouldFindAPointNamedAsItsOutputHeadsIt()
    {
        // The header says inverter::ENERGY_DAY: that name finds the same rows; another model's name finds none.
        var (code, output, _) = Run("--asset", "INV01", "--point", "inverter::ENERGY_DAY", "--db", _db);
        var (_, other, _) = Run("--asset", "INV01", "--point", "meter::ENERGY_DAY", "--db", _db);

        Assert.Equal(0, code);
        Assert.StartsWith("inverter::ENERGY_DAY of INV01 (org o1)", output, StringComparison.Ordinal);
        Assert.Contains("(3 rows)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("(3 rows)", other, StringComparison.Ordinal);
    }

    private (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = QueryCli.Run(args, Path.Combine(_dir, "default.db"), new ConsoleIo(TextReader.Null, output, error));
        return (code, output.ToString(), error.ToString());
    }

    private static PointRecord Number(string asset, string point, long time, double value) =>
        Make(asset, point, time, PointValue.FromNumber(value));

    private static PointRecord Make(string asset, string point, long time, PointValue value) => new()
    {
        OrgId = "o1",
        ModelId = "inverter",
        AssetId = asset,
        PointId = point,
        Time = time,
        Value = value,
    };
}
