namespace Calc.Host.Commands;

/// <summary><c>calc demo</c>: a simulated fleet streamed through the built-in templates.</summary>
internal static class DemoCommand
{
    public static Task<int> RunAsync(string[] args, ConsoleIo io, CancellationToken cancellation)
    {
        _ = args;
        _ = cancellation;
        io.Error.WriteLine("calc demo: the fleet simulator is not in this build yet.");
        return Task.FromResult(Cli.Failure);
    }
}
