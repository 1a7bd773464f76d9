using System.Text.Json;
using Calc.Engine.Hosting.Serve.Isolation;
using Calc.Host.Commands;

namespace Calc.Host.Serve;

/// <summary>
/// <c>calc serve-worker</c> (hidden): the worker process of one isolated job of <c>calc serve</c>. It reads
/// the job from the first line of its standard input, runs it and reports on its standard output
/// (<see cref="JobWorker"/>). It ignores Ctrl-C and SIGTERM: the service stops it (a <c>stop</c> line,
/// its input closing, or a kill).
/// </summary>
internal static class ServeWorkerCommand
{
    public static int Run(ConsoleIo io)
    {
        WorkerRequest? request;
        try
        {
            request = io.In.ReadLine() is { } line ? JsonSerializer.Deserialize<WorkerRequest>(line, WorkerProtocol.Json) : null;
        }
        catch (JsonException ex)
        {
            io.Error.WriteLine($"calc serve-worker: the request on standard input is not valid: {ex.Message} (this command is started by calc serve --isolation)");
            return Cli.Invalid;
        }

        if (request is null)
        {
            io.Error.WriteLine("calc serve-worker: no request on standard input (this command is started by calc serve --isolation)");
            return Cli.Invalid;
        }

        using var store = MetadataAccess.Open(io, "serve-worker");
        if (store is null)
        {
            return Cli.Failure;
        }

        using var gate = new StoreGate(store);
        using var loggers = ConsoleLogging.Create();
        return new JobWorker(request, gate.AssetsFor, io.Out, loggers).Run(io.In);
    }

    /// <summary>How <c>calc serve</c> starts its workers: this executable, or <c>dotnet calc.dll</c> when run through the dotnet host (or a test host).</summary>
    public static IReadOnlyList<string> DefaultCommand()
    {
        var process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process) == "calc")
        {
            return [process];
        }

        var dotnet = process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : "dotnet";
        return [dotnet, typeof(ServeWorkerCommand).Assembly.Location];
    }
}
