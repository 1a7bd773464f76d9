using System.Diagnostics;

namespace Calc.Host.Tests.Release;

/// <summary>Runs a program to its end (bounded), capturing both outputs; for the release tests' child processes.</summary>
internal static class ProcessRun
{
    public static (int Exit, string Out, string Error) Run(string program, string workingDirectory, IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        using var process = Start(program, workingDirectory, env, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(20)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in 20 minutes");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public static Process Start(string program, string workingDirectory, IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in env ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
    }

    /// <summary>Runs and asserts exit code 0, showing both outputs otherwise.</summary>
    public static string Ok(string program, string workingDirectory, IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var (exit, output, error) = Run(program, workingDirectory, env, args);
        Assert.True(exit == 0, $"{program} {string.Join(' ', args)} exited {exit}\n{output}\n{error}");
        return output + error;
    }
}
