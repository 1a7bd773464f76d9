using Calc.Engine.Jobs;
using Calc.Sdk;

namespace Calc.Engine.Tests;

public sealed class JobParserTests
{
    [Fact]
    public void ShouldListEveryTopLevelProblemWithItsPath()
    {
        var problems = new ProblemList();

        JobParser.Parse("""{"id":"","template":"x","policies":[],"idleTimeout":"soon","colour":1,"outputs":{"kafka":{},"tsdb":"yes"}}""", problems);

        var paths = problems.Items.Select(p => p.Path).ToList();
        Assert.Contains("colour", paths);
        Assert.Contains("id", paths);
        Assert.Contains("orgId", paths);
        Assert.Contains("idleTimeout", paths);
        Assert.Contains("outputs.kafka.topic", paths);
        Assert.Contains("outputs.tsdb", paths);
    }

    [Fact]
    public void ShouldRefuseANullTemplateWithoutAPipeline()
    {
        // Found by the job validation fuzz: "template": null passed the parser with no problem, and the job then
        // compiled to nothing without saying why.
        var problems = new ProblemList();

        JobParser.Parse("""{"id":"j","orgId":"o","template":null,"settings":{},"policies":[{}]}""", problems);

        Assert.Equal([("", "a job needs either \"template\" (with \"settings\" and \"policies\") or \"pipeline\"")], problems.Items.Select(p => (p.Path, p.Message)));
    }

    [Fact]
    public void ShouldRefuseBothTemplateAndPipeline()
    {
        var problems = new ProblemList();

        JobParser.Parse("""{"id":"j","orgId":"o","template":"t","policies":[{}],"pipeline":[{"op":"select","points":["m::p"]}]}""", problems);

        Assert.Contains(problems.Items, p => p.Path == "pipeline" && p.Message.Contains("not both", StringComparison.Ordinal));
    }

    [Fact]
    public void ShouldReportAStepWithoutOp()
    {
        var problems = new ProblemList();

        JobParser.Parse("""{"id":"j","orgId":"o","pipeline":[{"op":"select","points":["m::p"]},{"points":[]}]}""", problems);

        Assert.Equal("pipeline[1].op", Assert.Single(problems.Items).Path);
    }

    [Fact]
    public void ShouldReadSourceAndOutputs()
    {
        var problems = new ProblemList();

        var job = JobParser.Parse("""{"id":"j","orgId":"o","template":"t","policies":[{}],"source":{"kafka":{"topic":"points","group":"g"}},"outputs":{"kafka":{"topic":"out"},"tsdb":{"points":["inverter::ENERGY_*"]},"state":true}}""", problems);

        Assert.True(problems.IsEmpty, string.Join("; ", problems.Items));
        Assert.Equal(new KafkaSourceDefinition("points", "g"), job!.KafkaSource);
        Assert.Equal("out", job.Outputs.KafkaTopic);
        Assert.True(job.Outputs.Tsdb);
        Assert.Equal(["inverter::ENERGY_*"], job.Outputs.TsdbPoints);
        Assert.True(job.Outputs.State);
    }

    [Fact]
    public void ShouldReportInvalidJsonWithItsLine()
    {
        var problems = new ProblemList();

        JobParser.Parse("{\n\"id\": \"j\",\n\"orgId\": }", problems);

        Assert.Contains("line 3", Assert.Single(problems.Items).Message, StringComparison.Ordinal);
    }
}
