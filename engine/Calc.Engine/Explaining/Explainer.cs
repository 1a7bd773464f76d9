using Calc.Engine.Files;
using Calc.Engine.Runtime;
using Calc.Engine.Tracing;
using Calc.Sdk;

namespace Calc.Engine.Explaining;

/// <summary>
/// "Why is there no output — or this one?" for one output key: runs the job over a bounded input exactly
/// as <c>calc run</c> on a file does (in memory, nothing written), tracing the asset, and says which step
/// writes the point, which input records of the output's range reached it and what happened to each, and
/// the value written or why there is none.
/// </summary>
public static class Explainer
{
    /// <summary>The most trace lines an explanation carries; more are counted.</summary>
    public const int MaxLines = 200;

    public static Explanation Explain(CompiledJob job, IAssetDirectory assets, Stream input, ExplainQuery query, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(query);
        var key = query.Point.ToString();
        var index = -1;
        for (var i = 0; i < job.Steps.Count; i++)
        {
            if (job.Steps[i].Definition.Outputs.Contains(query.Point))
            {
                index = i;
            }
        }

        if (index < 0)
        {
            var written = job.Steps.SelectMany(s => s.Definition.Outputs).Select(p => p.ToString()).Distinct().ToList();
            return new Explanation
            {
                Query = query,
                JobId = job.Definition.Id,
                Findings = [$"no step of job '{job.Definition.Id}' writes {key}; it writes {(written.Count == 0 ? "no points" : string.Join(", ", written))}"],
            };
        }

        var step = job.Steps[index];
        var range = step.Definition.SourceOf(query.Point, query.Time) ?? new SourceRange(long.MinValue, query.Time);
        var inputs = step.Definition.Inputs.Select(p => p.ToString()).Distinct().ToList();
        var notes = new RecordNotes(index, inputs, range, key + " @ " + StepRunner.Iso(query.Time) + " = ");
        var log = new TraceLog(new TraceFilter(query.AssetId), capacity: 0) { Listener = notes.Add };
        var capture = new OutputCapture(query);
        var lane = new JobInstance(job, capture, assets: assets) { TraceLog = log };
        using var rejected = new RejectedWriter(new MemoryStream());
        var metrics = new FileJobRunner(lane, rejected) { InputObserver = capture.Observer, Flushing = capture.Flushing }.Run(input, cancellation);
        var explained = new ExplainedStep(index, step.Path, step.OperatorId, inputs);
        var writers = inputs.ToDictionary(p => p, p => WriterOf(job, index, p), StringComparer.Ordinal);
        var facts = new ExplainFacts(query, explained, range, capture.Values, notes.Inputs(), capture.Nearest, notes, log.Records, metrics.Rejected, writers);
        return new Explanation
        {
            Query = query,
            JobId = job.Definition.Id,
            Findings = ExplainFindings.Of(facts),
            Step = explained,
            From = range.From,
            To = range.To,
            Values = capture.Values,
            Inputs = facts.Inputs,
            Lines = notes.Lines,
            LinesLeftOut = notes.LinesLeftOut,
            Nearest = capture.Values.Count == 0 ? capture.Nearest : [],
        };
    }

    /// <summary>The earlier step that writes <paramref name="point"/> (a derived input), if any.</summary>
    private static ExplainedStep? WriterOf(CompiledJob job, int before, string point)
    {
        for (var i = before - 1; i >= 0; i--)
        {
            var step = job.Steps[i];
            if (!step.IsFilter && step.Definition.Outputs.Any(o => o.ToString() == point))
            {
                return new ExplainedStep(i, step.Path, step.OperatorId, [.. step.Definition.Inputs.Select(p => p.ToString()).Distinct()]);
            }
        }

        return null;
    }
}

/// <summary>What <see cref="ExplainFindings"/> turns into sentences.</summary>
internal sealed record ExplainFacts(
    ExplainQuery Query,
    ExplainedStep Step,
    SourceRange Range,
    IReadOnlyList<ExplainedValue> Values,
    IReadOnlyList<ExplainedInput> Inputs,
    IReadOnlyList<ExplainedValue> Nearest,
    RecordNotes Notes,
    long TracedRecords,
    long RejectedLines,
    IReadOnlyDictionary<string, ExplainedStep?> Writers);
