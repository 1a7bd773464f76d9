using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Host.Commands;

/// <summary><c>calc check JOB.json</c>: validates a job, listing every problem with its JSON path.</summary>
internal static class CheckCommand
{
    public static int Run(string[] args, ConsoleIo io)
    {
        var parsed = CliArgs.Parse(args, []);
        if (parsed.Errors.Count > 0 || parsed.Positional.Count != 1)
        {
            foreach (var error in parsed.Errors)
            {
                io.Error.WriteLine("calc check: " + error);
            }

            io.Error.WriteLine("usage: calc check JOB.json");
            return Cli.Invalid;
        }

        using var job = JobLoader.Compile(parsed.Positional[0], io, "check");
        if (job is null)
        {
            return Cli.Invalid;
        }

        io.Out.WriteLine($"{parsed.Positional[0]}: ok — job '{job.Definition.Id}' (org {job.Definition.OrgId}), {Describe(job)}");
        return Cli.Ok;
    }

    private static string Describe(CompiledJob job)
    {
        var outputs = job.Steps.SelectMany(s => s.Definition.Outputs).Select(p => p.ToString()).Distinct().ToList();
        var shape = job.Definition.Pipeline is null
            ? $"template {job.Definition.Template}"
            : $"pipeline of {job.Steps.Count} steps ({string.Join(" → ", job.Steps.Select(s => s.OperatorId))})";
        return $"{shape}; outputs: {(outputs.Count == 0 ? "none" : string.Join(", ", outputs))}";
    }
}
