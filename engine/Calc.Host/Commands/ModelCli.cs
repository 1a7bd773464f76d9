using Calc.Engine.Metadata;
using Calc.Sdk;

namespace Calc.Host.Commands;

/// <summary><c>calc model import FILE</c> and <c>calc model list</c>: models and their point types in the metadata store.</summary>
internal static class ModelCli
{
    private const string UsageText = """
        usage: calc model import FILE     import models: [{"modelId":"inverter","points":{"ENERGY_DAY":"double","STATE":"long"}}]
               calc model list
        """;

    public static int Run(string[] args, ConsoleIo io)
    {
        switch (args)
        {
            case ["import", var path]:
                return Import(path, io);
            case ["list"]:
                return List(io);
            default:
                return SubCommand.Usage(io, "model", null, UsageText);
        }
    }

    private static int Import(string path, ConsoleIo io)
    {
        if (!File.Exists(path))
        {
            io.Error.WriteLine($"calc model import: file '{path}' not found");
            return Cli.Invalid;
        }

        using var store = MetadataAccess.Open(io, "model import");
        if (store is null)
        {
            return Cli.Failure;
        }

        var problems = new ProblemList();
        var count = ModelImport.Import(store, path, problems);
        if (count is null)
        {
            return SubCommand.Problems(io, $"calc model import: {path} was not imported, nothing was written", problems);
        }

        io.Out.WriteLine($"{path}: imported {count} model{(count == 1 ? "" : "s")} ({store.Path})");
        return Cli.Ok;
    }

    private static int List(ConsoleIo io)
    {
        using var store = MetadataAccess.Open(io, "model list");
        if (store is null)
        {
            return Cli.Failure;
        }

        var models = store.Models();
        if (models.Count == 0)
        {
            io.Out.WriteLine("No models stored. 'calc model import FILE' adds some.");
            return Cli.Ok;
        }

        TextTable.Write(io.Out, [["MODEL", "POINTS"], .. models.Select(m => new[]
        {
            m.Id, string.Join(", ", m.Points.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{PointTypeNames.Name(p.Value)}")),
        })]);
        return Cli.Ok;
    }
}
