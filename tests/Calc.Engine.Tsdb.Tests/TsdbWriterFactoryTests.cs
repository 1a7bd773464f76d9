using Calc.Sdk;

namespace Calc.Engine.Tsdb.Tests;

public sealed class TsdbWriterFactoryTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ShouldOpenTheEmbeddedStoreForAPath()
    {
        using var writer = TsdbWriterFactory.Create(_folder.File("a/tsdb.db"));

        Assert.Equal(_folder.File("a/tsdb.db"), Assert.IsType<SqliteTsdb>(writer).Path);
    }

    [Fact]
    public void ShouldOpenTheEmbeddedStoreForASqliteAddress()
    {
        using var writer = TsdbWriterFactory.Create("sqlite:" + _folder.File("b.db"));

        Assert.Equal(_folder.File("b.db"), Assert.IsType<SqliteTsdb>(writer).Path);
    }

    [Fact]
    public void ShouldOpenTheStoreInTheDataDirectoryWithoutAnAddress()
    {
        using var writer = TsdbWriterFactory.Create(null, new TsdbOptions { DataDirectory = _folder.Path });

        Assert.Equal(Path.Combine(_folder.Path, "tsdb.db"), Assert.IsType<SqliteTsdb>(writer).Path);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8428", "http://127.0.0.1:8428/write?precision=ms")]
    [InlineData("http://127.0.0.1:8428/write", "http://127.0.0.1:8428/write?precision=ms")]
    [InlineData("https://vm.example/prefix/", "https://vm.example/prefix/write?precision=ms")]
    [InlineData("http://127.0.0.1:8086?db=calc", "http://127.0.0.1:8086/write?db=calc&precision=ms")]
    [InlineData("http://127.0.0.1:8086/write?db=calc&precision=ns", "http://127.0.0.1:8086/write?db=calc&precision=ms")]
    [InlineData("http://127.0.0.1:8086?org=o&bucket=b", "http://127.0.0.1:8086/api/v2/write?org=o&bucket=b&precision=ms")]
    [InlineData("http://127.0.0.1:8086/api/v2/write?org=o&bucket=b", "http://127.0.0.1:8086/api/v2/write?org=o&bucket=b&precision=ms")]
    public void ShouldChooseTheLineProtocolEndpointFromTheAddress(string url, string writeUrl)
    {
        using var writer = TsdbWriterFactory.Create(url, new TsdbOptions { Token = "t" });

        Assert.Equal(writeUrl, Assert.IsType<LineProtocolWriter>(writer).WriteUrl.AbsoluteUri);
    }

    [Fact]
    public void ShouldTakeBasicAuthenticationFromTheAddress()
    {
        var options = TsdbWriterFactory.LineProtocolFor("http://user:pa%3Ass@127.0.0.1:8086?db=calc", new TsdbOptions(), new ProblemList())!;

        Assert.Equal(("user", "pa:ss", "http://127.0.0.1:8086/"), (options.Username, options.Password, options.Url.AbsoluteUri));
    }

    [Theory]
    [InlineData("postgres://127.0.0.1/db", "is not a TSDB address")]
    [InlineData("http://127.0.0.1:8086/api/v2/write?org=o", "InfluxDB 2.x needs an org and a bucket")]
    public void ShouldRefuseAddressesItCannotWriteTo(string url, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => TsdbWriterFactory.Create(url));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldListEveryBadSetting()
    {
        var options = new TsdbOptions { RetentionDays = -1 };
        options.Storage.Points.Add("no-separator");

        var error = Assert.Throws<ArgumentException>(() => TsdbWriterFactory.Create(_folder.File("x.db"), options));

        Assert.Contains("tsdb.retentionDays", error.Message, StringComparison.Ordinal);
        Assert.Contains("tsdb.storage.points[0]: 'no-separator' is not a storage pattern", error.Message, StringComparison.Ordinal);
    }
}
