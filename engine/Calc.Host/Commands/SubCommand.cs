using Calc.Sdk;

namespace Calc.Host.Commands;

/// <summary>Shared printing for the store commands (<c>pack</c>, <c>job</c>, <c>asset</c>, <c>model</c>).</summary>
internal static class SubCommand
{
    /// <summary>Prints argument errors and the usage; returns exit code 2.</summary>
    public static int Usage(ConsoleIo io, string command, CliArgs? parsed, string usage)
    {
        foreach (var error in parsed?.Errors ?? [])
        {
            io.Error.WriteLine($"calc {command}: {error}");
        }

        io.Error.WriteLine(usage);
        return Cli.Invalid;
    }

    /// <summary>Prints every problem under a heading; returns exit code 2.</summary>
    public static int Problems(ConsoleIo io, string heading, ProblemList problems)
    {
        io.Error.WriteLine($"{heading} ({problems.Items.Count} problem{(problems.Items.Count == 1 ? "" : "s")}):");
        foreach (var problem in problems.Items)
        {
            io.Error.WriteLine("  " + problem);
        }

        return Cli.Invalid;
    }
}
