using System.Text.Json;
using Calc.Engine.Explaining;
using Calc.Sdk;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Calc.Host.Serve;

internal static partial class ServeApi
{
    /// <summary>
    /// <c>POST /jobs/{id}/explain?asset=A&amp;point=model::P&amp;time=T</c> (the stored job over the records sent, as
    /// with <c>/jobs/{id}/test</c>) and <c>POST /explain?…</c> (a job in the body): why the key has its value,
    /// or none, in the shape of <c>calc explain --json</c>. Nothing is written anywhere.
    /// </summary>
    private static void MapExplain(WebApplication app, ServeContext context)
    {
        app.MapPost("/explain", async (HttpRequest request) =>
        {
            var (test, refused) = await BodyJobRequest(request, "explain");
            if (refused is not null)
            {
                return refused;
            }

            return QueryOf(request, out var query) ?? RunExplain(test!.JobJson!, test, query!, context, request.HttpContext.RequestAborted);
        });
        app.MapPost("/jobs/{id}/explain", async (string id, HttpRequest request) =>
        {
            var (test, refused) = await StoredJobRequest(request, id, "explain", "explains the stored job");
            if (refused is not null)
            {
                return refused;
            }

            if (QueryOf(request, out var query) is { } bad)
            {
                return bad;
            }

            var stored = context.Store.Use(s => s.Job(id));
            return stored is null ? NotFound(id) : RunExplain(stored.Json, test!, query!, context, request.HttpContext.RequestAborted);
        });
    }

    /// <summary><c>?asset=A&amp;point=model::P&amp;time=T</c>, every problem in one 400.</summary>
    private static IResult? QueryOf(HttpRequest request, out ExplainQuery? query)
    {
        query = null;
        var q = request.Query;
        var problems = new List<string>();
        string? asset = q["asset"];
        if (string.IsNullOrWhiteSpace(asset))
        {
            problems.Add("asset is required: ?asset=A&point=model::P&time=T");
        }

        var point = default(PointRef);
        string? pointText = q["point"];
        if (string.IsNullOrWhiteSpace(pointText))
        {
            problems.Add("point is required (model::POINT, for example inverter::ENERGY_DAY)");
        }
        else if (!PointRef.TryParse(pointText, out point))
        {
            problems.Add($"point: '{pointText}' is not model::POINT (for example inverter::ENERGY_DAY)");
        }

        var time = TraceTime(q["time"], "time", problems);
        if (q["time"].Count == 0)
        {
            problems.Add("time is required: epoch milliseconds or ISO-8601 (2018-01-01T00:00:00Z)");
        }

        if (problems.Count > 0)
        {
            return Error(string.Join("; ", problems));
        }

        query = new ExplainQuery(asset!, point, time!.Value);
        return null;
    }

    private static IResult RunExplain(string jobJson, TestRequest test, ExplainQuery query, ServeContext context, CancellationToken cancellation)
    {
        var compiled = CompileForRun(jobJson, context, out var problems);
        if (compiled is null)
        {
            return problems!;
        }

        using var lease = compiled.Value.Lease;
        using var job = compiled.Value.Job;
        using var input = test.Input();
        Explanation explanation;
        try
        {
            explanation = Explainer.Explain(job, context.Store.AssetsFor(job.Definition.OrgId), input, query, cancellation);
        }
        catch (Calc.Engine.Plugins.PluginFailedException ex)
        {
            return Error($"the job failed on these records: {ex.Message}", StatusCodes.Status422UnprocessableEntity);
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ExplainJson.Write(writer, explanation);
        }

        return Results.Bytes(buffer.ToArray(), "application/json");
    }
}
