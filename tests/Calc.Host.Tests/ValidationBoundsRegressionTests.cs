using System.Text.Json;

namespace Calc.Host.Tests;

/// <summary>The validation bombs: refused by <c>calc check</c> and <c>PUT /jobs</c>, and serve stays up.</summary>
[Collection(DataDirCollection.Name)]
public sealed class ValidationBoundsRegressionTests : DataDirTest
{
    private static readonly string Parens = "return " + new string('(', 10_000) + "${m::x}" + new string(')', 10_000) + ";";

    private const string Lambdas = "return new[]{1.0}.Sum(v0 => new[]{v0}.Sum(v1 => new[]{v1}.Sum(v2 => new[]{v2}.Sum(v3 => new[]{v3}.Sum(v4 => new[]{v4}.Sum(v5 => v5 + ${m::x})))))));";

    private static string Job(string id, string script) =>
        JsonSerializer.Serialize(new { id, orgId = "o1", pipeline = new[] { new { op = "script", script, output = "m::y" } } });

    [Fact]
    public void ShouldRefuseTheNestingBombsInCalcCheck()
    {
        var (exit, _, error) = CliRunner.Run("check", Write("nest.json", Job("nest", Parens)));

        Assert.Equal(2, exit);
        Assert.Contains("pipeline[0].script: line 1, column 72: brackets nest more than 64 deep", error, StringComparison.Ordinal);

        (exit, _, error) = CliRunner.Run("check", Write("lambdas.json", Job("lambdas", Lambdas)));

        Assert.Equal(2, exit);
        Assert.Contains("lambdas nest 4 deep; at most 3 are compiled", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldRefuseTheNestingBombsOnPutAndStayUp()
    {
        await using var serve = new ServeHarness("127.0.0.1:9");

        var (status, body) = await serve.Send(HttpMethod.Put, "/jobs/nest", Job("nest", Parens));
        Assert.Equal(400, status);
        var problem = Assert.Single(body.GetProperty("problems").EnumerateArray());
        Assert.Equal("pipeline[0].script", problem.GetProperty("path").GetString());
        (status, _) = await serve.Send(HttpMethod.Put, "/jobs/lambdas", Job("lambdas", Lambdas));
        Assert.Equal(400, status);

        Assert.Equal(0, (await serve.Send(HttpMethod.Get, "/health")).Body.GetProperty("jobs").GetInt32());
        Assert.Equal(0, await serve.StopAsync());
    }
}
