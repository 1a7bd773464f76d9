using Calc.Engine.Jobs;
using Calc.Sdk;

namespace Calc.Engine.Hosting.Serve;

/// <summary>
/// Which checkpoints a new version of a job may resume from. A version with the same steps (the same
/// template, or the same pipeline operators in the same order) restores the previous version's
/// operator state, as a restarted plugin reads its previous version's checkpoints; one with other
/// steps starts with empty state where the previous version stopped, so the state in its files is emptied.
/// </summary>
internal static class ServeCheckpoints
{
    public static bool SameSteps(string oldJson, string newJson) => Steps(oldJson) == Steps(newJson);

    /// <summary>
    /// Deletes the operator state in the job's checkpoint files (<c>ID@TOPIC.pN.json</c>, as <c>FileCheckpointStore</c> names
    /// them): each keeps its offset with an empty state. Deleting the files would not do: the runner refuses a stateful
    /// partition that has a committed offset but no checkpoint.
    /// </summary>
    public static void Delete(string directory, string jobId)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        var prefix = Calc.Engine.Runtime.FileCheckpointStore.FilePrefix(jobId);
        foreach (var file in Directory.GetFiles(directory, prefix + "@*.p*.json").Concat(Directory.GetFiles(directory, prefix + ".p*.json")))
        {
            Calc.Engine.Runtime.FileCheckpointStore.ClearState(file);
        }
    }

    private static string? Steps(string json)
    {
        var job = JobParser.Parse(json, new ProblemList());
        return job is null ? null : job.Template ?? string.Join("|", job.Pipeline?.Select(s => s.Op) ?? []);
    }
}
