using Calc.Engine.Hosting.Runtime;
using Calc.Engine.Hosting.Stores;
using Calc.Engine.Jobs;
using Calc.Engine.Runtime;
using Calc.Engine.Tsdb;
using Calc.Sdk;
using Microsoft.Extensions.Logging.Abstractions;

namespace Calc.Engine.Hosting.Tests;

/// <summary>The one job-runtime builder: what a job's <c>outputs.tsdb</c> becomes, opened for a job or shared by a runner.</summary>
public sealed class JobRuntimeTests : IDisposable
{
    private const long T0 = 1_589_500_800_000; // 2020-05-15T00:00:00Z
    private readonly string _dir = Directory.CreateTempSubdirectory("calc-runtime-").FullName;

    [Fact]
    public async Task ShouldWriteAFileRunsOutputsToTheSinkAndThePointsItsStoragePolicyNamesToTheTsdb()
    {
        var tsdb = Path.Combine(_dir, "out.db");
        var report = new StringWriter();
        var file = new ListSink();
        await using (var runtime = await JobRuntime.OpenAsync(Options(tsdb, ["inverter::E"]) with { Report = report }, default))
        {
            var sink = runtime.Wrap(file);
            sink.Write(Point("E", T0, 1.5));
            sink.Write(Point("P", T0, 99));
            sink.Write(Point("E", T0 + 60_000, 2.5));
            sink.Flush();

            Assert.True(await runtime.FinishAsync(report, default));
        }

        Assert.Equal(3, file.Records.Count);
        Assert.Equal([(T0, 1.5), (T0 + 60_000, 2.5)], SqliteTsdb.Query(tsdb, new TsdbQuery("INV01", "E")).Select(s => (s.Time, s.Value.Number)));
        Assert.Empty(SqliteTsdb.Query(tsdb, new TsdbQuery("INV01", "P")));
        Assert.Contains("calc run: outputs.tsdb → ", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldLeaveASharedTsdbOpen_WhenOneOfItsJobsEnds()
    {
        var tsdb = Path.Combine(_dir, "shared.db");
        await using var shared = TsdbServices.Open(tsdb, _dir, [], NullLogger.Instance);
        var first = await JobRuntime.OpenAsync(Options(null, []) with { SharedTsdb = shared }, default);
        await using var second = await JobRuntime.OpenAsync(Options(null, []) with { SharedTsdb = shared }, default);
        Assert.Same(shared, first.Tsdb);

        first.Wrap(new ListSink()).Write(Point("E", T0, 1));
        await first.DisposeAsync();
        second.Wrap(new ListSink()).Write(Point("E", T0 + 60_000, 2));

        Assert.True(await second.FinishAsync(TextWriter.Null, default));
        Assert.Equal([1.0, 2.0], SqliteTsdb.Query(tsdb, new TsdbQuery("INV01", "E")).Select(s => s.Value.Number));
    }

    [Fact]
    public async Task ShouldPassASinkThroughUnchanged_WhenTheJobHasNoStores()
    {
        var file = new ListSink();
        await using var runtime = await JobRuntime.OpenAsync(Options(null, []) with { Stores = new StoreOptions() }, default);

        Assert.Same(file, runtime.Wrap(file));
        Assert.Null(runtime.Tsdb);
        Assert.Null(runtime.State);
    }

    [Fact]
    public async Task ShouldNameTheSettingAndWhatToDo_WhenTheTsdbAddressIsWrong()
    {
        var error = await Assert.ThrowsAsync<JobRuntimeException>(() => JobRuntime.OpenAsync(Options("ftp://tsdb.example", []), default));

        Assert.Contains("--tsdb / outputs.tsdb: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("'ftp://tsdb.example' is not a TSDB address", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private JobRuntimeOptions Options(string? tsdbUrl, IReadOnlyList<string> points) => new()
    {
        Job = Job(),
        Stores = new StoreOptions { Tsdb = true, TsdbUrl = tsdbUrl, TsdbPoints = points },
        Loggers = NullLoggerFactory.Instance,
        DataDirectory = _dir,
    };

    private static JobDefinition Job()
    {
        var problems = new ProblemList();
        var job = JobParser.Parse("""
            {"id":"j1","orgId":"o1","template":"multi-point-merging","settings":{},
             "policies":[{"expression":"${inverter::P}","output":"inverter::E"}]}
            """, problems);
        Assert.True(problems.IsEmpty, string.Join("; ", problems.Items));
        return job!;
    }

    private static PointRecord Point(string point, long time, double value) => new()
    {
        OrgId = "o1",
        ModelId = "inverter",
        AssetId = "INV01",
        PointId = point,
        Time = time,
        Value = PointValue.FromNumber(value),
    };

    private sealed class ListSink : IOutputSink
    {
        public List<PointRecord> Records { get; } = [];

        public void Write(in PointRecord record) => Records.Add(record);

        public void Flush()
        {
        }
    }
}
