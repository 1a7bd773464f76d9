using Calc.Engine.Tracing;
using Calc.Sdk;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Calc.Host.Serve;

internal static partial class ServeApi
{
    private static void MapTests(WebApplication app, ServeContext context)
    {
        app.MapPost("/test", async (HttpRequest request) =>
        {
            var (test, refused) = await BodyJobRequest(request, "test");
            if (refused is not null)
            {
                return refused;
            }

            return TraceOf(request, out var trace) is { } badTrace ? badTrace : RunTest(test!.JobJson!, null, test, trace, context, request.HttpContext.RequestAborted);
        });
        app.MapPost("/jobs/{id}/test", async (string id, HttpRequest request) =>
        {
            var (test, refused) = await StoredJobRequest(request, id, "test", "runs the stored job");
            if (refused is not null)
            {
                return refused;
            }

            var stored = context.Store.Use(s => s.Job(id));
            if (TraceOf(request, out var trace) is { } badTrace)
            {
                return badTrace;
            }

            return stored is null ? NotFound(id) : RunTest(stored.Json, stored.Version, test!, trace, context, request.HttpContext.RequestAborted);
        });
    }

    /// <summary><c>?trace=ASSET[:POINT]&amp;traceFrom=T&amp;traceTo=T</c>: which records to trace; a 400 when a part is wrong.</summary>
    private static IResult? TraceOf(HttpRequest request, out TraceFilter? trace)
    {
        trace = null;
        var query = request.Query;
        string? selector = query["trace"];
        if (selector is null)
        {
            return query.ContainsKey("traceFrom") || query.ContainsKey("traceTo") ? Error("traceFrom and traceTo go with trace=ASSET[:POINT]") : null;
        }

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(selector) || selector.StartsWith(':'))
        {
            problems.Add($"trace: '{selector}' names no asset: give ASSET, ASSET:POINT or ASSET:model::POINT");
        }

        var from = TraceTime(query["traceFrom"], "traceFrom", problems) ?? long.MinValue;
        var to = TraceTime(query["traceTo"], "traceTo", problems) ?? long.MaxValue;
        if (problems.Count > 0)
        {
            return Error(string.Join("; ", problems));
        }

        trace = TraceFilter.Parse(selector, from, to);
        return null;
    }

    private static long? TraceTime(string? text, string name, List<string> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (Calc.Engine.Tsdb.TsdbTime.TryParse(text, out var time))
        {
            return time;
        }

        problems.Add($"{name}: '{text}' is not a time: give epoch milliseconds or ISO-8601 (2018-01-01T00:00:00Z)");
        return null;
    }

    private static IResult RunTest(string jobJson, int? version, TestRequest test, TraceFilter? trace, ServeContext context, CancellationToken cancellation)
    {
        var compiled = CompileForRun(jobJson, context, out var problems);
        if (compiled is null)
        {
            return problems!;
        }

        using var lease = compiled.Value.Lease;
        using var job = compiled.Value.Job;
        System.Text.Json.Nodes.JsonObject result;
        try
        {
            result = JobTestRun.Run(job, context.Store.AssetsFor(job.Definition.OrgId), test, cancellation, trace);
        }
        catch (Calc.Engine.Plugins.PluginFailedException ex)
        {
            return Error($"the job failed on these records: {ex.Message}", StatusCodes.Status422UnprocessableEntity);
        }

        if (version is not null)
        {
            result["version"] = version;
        }

        return Results.Json(result);
    }

    /// <summary>The body of <c>POST /ENDPOINT</c>: a job and records, the job of the token's org; or the 400/403 answer.</summary>
    private static async Task<(TestRequest? Test, IResult? Refused)> BodyJobRequest(HttpRequest request, string endpoint)
    {
        var test = TestRequest.Parse(await BodyBytes(request), out var error);
        if (test is null || test.JobJson is null)
        {
            return (null, Error(error ?? $"send {{\"job\":{{…}},\"records\":[…]}} (NDJSON records alone need a stored job: POST /jobs/{{id}}/{endpoint})"));
        }

        return (test, ServeAccess.CheckBodyOrg(request.HttpContext, System.Text.Json.Nodes.JsonNode.Parse(test.JobJson)));
    }

    /// <summary>The body of <c>POST /jobs/{id}/ENDPOINT</c>: records only (the stored job is used); or the 400 answer.</summary>
    private static async Task<(TestRequest? Test, IResult? Refused)> StoredJobRequest(HttpRequest request, string id, string endpoint, string what)
    {
        var test = TestRequest.Parse(await BodyBytes(request), out var error);
        if (test is null)
        {
            return (null, Error(error!));
        }

        return test.JobJson is null
            ? (test, null)
            : (null, Error($"POST /jobs/{id}/{endpoint} {what}: leave out 'job', or use POST /{endpoint} for a job that is not stored"));
    }

    /// <summary>A job compiled for an in-memory run, or null with the 400 answer listing its problems.</summary>
    private static (Calc.Engine.Runtime.CompiledJob Job, Calc.Engine.Plugins.PluginLease Lease)? CompileForRun(string jobJson, ServeContext context, out IResult? refused)
    {
        var problems = new ProblemList();
        var compiled = context.Compiler.CompileForRun(jobJson, problems);
        refused = compiled is null
            ? Results.Json(new { problems = problems.Items.Select(p => new { path = p.Path, message = p.Message }) }, statusCode: StatusCodes.Status400BadRequest)
            : null;
        return compiled;
    }

    private static async Task<byte[]> BodyBytes(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }
}
