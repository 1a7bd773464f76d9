using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Host.Commands;

/// <summary>Reads and compiles a job file, printing every problem as <c>JOB.json: path: message</c>.</summary>
internal static class JobLoader
{
    public static CompiledJob? Compile(string path, ConsoleIo io, string command)
    {
        if (!File.Exists(path))
        {
            io.Error.WriteLine($"calc {command}: job file '{path}' not found");
            return null;
        }

        var engine = EngineFactory.Create(io.Error);
        var problems = new ProblemList();
        var job = engine.Compile(File.ReadAllText(path), problems);
        if (job is not null)
        {
            return job;
        }

        io.Error.WriteLine($"calc {command}: {path} has {problems.Items.Count} problem{(problems.Items.Count == 1 ? "" : "s")}:");
        foreach (var problem in problems.Items)
        {
            io.Error.WriteLine($"  {(problem.Path.Length == 0 ? "(job)" : problem.Path)}: {problem.Message}");
        }

        io.Error.WriteLine("Fix these and run 'calc check' again; docs/jobs.md describes every field.");
        return null;
    }
}
