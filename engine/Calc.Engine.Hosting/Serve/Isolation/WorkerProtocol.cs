using System.Text.Json;

namespace Calc.Engine.Hosting.Serve.Isolation;

/// <summary>The lines between <c>calc serve</c> and its worker processes: JSON, one message a line.</summary>
internal static class WorkerProtocol
{
    /// <summary>The hidden subcommand a worker process runs (<c>calc serve-worker</c>).</summary>
    public const string Command = "serve-worker";

    /// <summary>The exit code of a worker whose job ran out of memory (its heap reached <c>DOTNET_GCHeapHardLimit</c>).</summary>
    public const int OutOfMemoryExit = 86;

    /// <summary>The exit code of a worker whose run failed with an exception (reported in an <c>error</c> line first).</summary>
    public const int FailedExit = 1;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Write(WorkerReport report) => JsonSerializer.Serialize(report, Json);

    public static WorkerReport? Read(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<WorkerReport>(line, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
