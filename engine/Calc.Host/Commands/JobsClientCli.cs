using System.Net.Http.Headers;
using System.Text;

namespace Calc.Host.Commands;

/// <summary>
/// <c>calc jobs …</c>: a client of a running <c>calc serve</c> (<c>--url</c>, default
/// <c>CALC_SERVE_URL</c> or http://127.0.0.1:8080) with a token (<c>--token</c> or <c>CALC_TOKEN</c>);
/// prints the service's JSON answer on stdout, exit 0 on a 2xx answer, 1 otherwise.
/// </summary>
internal static class JobsClientCli
{
    private const string UsageText = """
        usage: calc jobs list | get ID [--version N] | put JOB.json [--recompute-from TIME] | start ID | stop ID | restart ID | pause ID | resume ID
                         | remove ID | versions ID | rollback ID --version N | replay ID --from TIME [--to TIME] [--no-wait]
                         [--url http://127.0.0.1:8080] [--token T]
        """;

    public static async Task<int> RunAsync(string[] args, ConsoleIo io, CancellationToken cancellation)
    {
        var parsed = CliArgs.Parse(args.Length == 0 ? args : args[1..], ["url", "token", "version", "from", "to", "recompute-from"], ["no-wait"]);
        if (args.Length == 0 || parsed.Errors.Count > 0)
        {
            return SubCommand.Usage(io, "jobs", parsed, UsageText);
        }

        var id = parsed.Positional.Count == 1 ? Uri.EscapeDataString(parsed.Positional[0]) : null;
        var version = parsed.Get("version");
        var from = parsed.Get("from");
        var to = parsed.Get("to");
        var recompute = parsed.Get("recompute-from");
        (HttpMethod Method, string Path, string? File)? request = (args[0], parsed.Positional.Count) switch
        {
            ("list", 0) => (HttpMethod.Get, "/jobs", null),
            ("get", 1) => (HttpMethod.Get, $"/jobs/{id}" + (version is null ? "" : "?version=" + Uri.EscapeDataString(version)), null),
            ("put", 1) => (HttpMethod.Put, "", parsed.Positional[0]),
            ("start" or "stop" or "restart" or "pause" or "resume", 1) => (HttpMethod.Post, $"/jobs/{id}/{args[0]}", null),
            ("remove", 1) => (HttpMethod.Delete, $"/jobs/{id}", null),
            ("versions", 1) => (HttpMethod.Get, $"/jobs/{id}/versions", null),
            ("rollback", 1) when version is not null => (HttpMethod.Post, $"/jobs/{id}/rollback?version={Uri.EscapeDataString(version)}", null),
            ("replay", 1) when from is not null => (HttpMethod.Post, $"/jobs/{id}/replay?from={Uri.EscapeDataString(from)}" + (to is null ? "" : "&to=" + Uri.EscapeDataString(to)), null),
            _ => null,
        };
        if (request is not { } r)
        {
            return SubCommand.Usage(io, "jobs", null, UsageText);
        }

        var url = parsed.Get("url") ?? HostSettings.Current.Serve.Url ?? "http://127.0.0.1:8080";
        var token = parsed.Get("token") ?? HostSettings.Current.Token;
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        using var message = new HttpRequestMessage(r.Method, r.Path);
        if (r.File is not null)
        {
            if (!File.Exists(r.File))
            {
                io.Error.WriteLine($"calc jobs put: no file {r.File}");
                return Cli.Invalid;
            }

            var json = await File.ReadAllTextAsync(r.File, cancellation);
            var jobId = System.Text.Json.Nodes.JsonNode.Parse(json)?["id"]?.GetValue<string>();
            message.RequestUri = new Uri("/jobs/" + Uri.EscapeDataString(jobId ?? "") + (recompute is null ? "" : "?recomputeFrom=" + Uri.EscapeDataString(recompute)), UriKind.Relative);
            message.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        try
        {
            using var response = await http.SendAsync(message, cancellation);
            var answer = await response.Content.ReadAsStringAsync(cancellation);
            io.Out.WriteLine(answer);
            if (!response.IsSuccessStatusCode)
            {
                io.Error.WriteLine($"calc jobs {args[0]}: {(int)response.StatusCode} {response.ReasonPhrase}{(token is null && (int)response.StatusCode == 401 ? " (no token: set CALC_TOKEN or pass --token)" : "")}");
                return Cli.Failure;
            }

            var replayed = args[0] == "replay" || (args[0] == "put" && recompute is not null);
            if (replayed && !parsed.Has("no-wait") && System.Text.Json.Nodes.JsonNode.Parse(answer)?["id"]?.GetValue<string>() is { } jobId)
            {
                return await JobsReplayProgress.FollowAsync(http, token, jobId, io, cancellation);
            }

            return Cli.Ok;
        }
        catch (HttpRequestException ex)
        {
            io.Error.WriteLine($"calc jobs: cannot reach calc serve at {url}: {ex.Message} (is it running? --url or CALC_SERVE_URL)");
            return Cli.Failure;
        }
    }
}
