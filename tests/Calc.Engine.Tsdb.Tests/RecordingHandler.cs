using System.Net;

namespace Calc.Engine.Tsdb.Tests;

/// <summary>An HTTP stack that records each request and answers with the next queued status (204 when none).</summary>
internal sealed class RecordingHandler : HttpMessageHandler
{
    private readonly Queue<(HttpStatusCode Status, string Body)> _answers = new();

    public List<(string Url, string? Authorization, string? ContentType, string Body)> Requests { get; } = [];

    public void Answer(HttpStatusCode status, string body = "") => _answers.Enqueue((status, body));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (Requests)
        {
            Requests.Add((request.RequestUri!.AbsoluteUri, request.Headers.Authorization?.ToString(),
                request.Content?.Headers.ContentType?.ToString(), body));
        }

        var (status, text) = _answers.TryDequeue(out var answer) ? answer : (HttpStatusCode.NoContent, "");
        return new HttpResponseMessage(status) { Content = new StringContent(text) };
    }
}
