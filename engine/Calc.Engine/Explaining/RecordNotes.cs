using Calc.Engine.Tracing;
using Calc.Sdk;

namespace Calc.Engine.Explaining;

/// <summary>
/// Reads the traced records of an explain run as they finish and keeps only what the explanation needs:
/// per input point of the step, the records of the range and what happened to them, the last record before
/// the range, the lines that are not plain <c>passed</c>, and the rule errors.
/// </summary>
internal sealed class RecordNotes(int step, IReadOnlyList<string> inputs, SourceRange range, string outputPrefix)
{
    private readonly Dictionary<string, Input> _inputs = inputs.ToDictionary(p => p, _ => new Input(), StringComparer.Ordinal);

    public List<TraceEvent> Lines { get; } = [];

    public int LinesLeftOut { get; private set; }

    public List<string> Errors { get; } = [];

    /// <summary>The step's last <c>state</c> line about a record of the range (a window's count and aggregate so far, an energy span).</summary>
    public string? LastState { get; private set; }

    public void Add(IReadOnlyList<TraceEvent> lines)
    {
        var source = lines[0];
        var isInput = _inputs.TryGetValue(source.Point, out var sourceInput);
        if (isInput && source.Time < range.From && (sourceInput!.LastBefore is not { } before || source.Time >= before.Time))
        {
            sourceInput.LastBefore = source;
        }

        var reached = lines.FirstOrDefault(l => l.Step == step && _inputs.ContainsKey(l.Point) && InRange(l.Time));
        var causes = lines.Any(l => l.Step == step && l.Kind == TraceKind.Output && l.Detail.StartsWith(outputPrefix, StringComparison.Ordinal));
        if (!(isInput && InRange(source.Time)) && reached is null && !causes)
        {
            return;
        }

        foreach (var line in lines.Where(l => l.Step <= step && l.Kind != TraceKind.Passed))
        {
            if (Lines.Count < Explainer.MaxLines)
            {
                Lines.Add(line);
            }
            else
            {
                LinesLeftOut++;
            }

            if (line.Kind == TraceKind.Error && Errors.Count < 3 && !Errors.Contains(line.Detail))
            {
                Errors.Add(line.Detail);
            }

            if (line.Kind == TraceKind.State && line.Step == step && InRange(line.Time))
            {
                LastState = line.Detail;
            }
        }

        if (reached is not null || (isInput && InRange(source.Time)))
        {
            var point = reached?.Point ?? source.Point;
            var time = reached?.Time ?? source.Time;
            _inputs[point].Count(Verdict(lines, reached is not null), time);
        }
    }

    public IReadOnlyList<ExplainedInput> Inputs() =>
        [.. inputs.Select(p => _inputs[p].ToExplained(p))];

    private bool InRange(long time) => time >= range.From && time <= range.To;

    private string Verdict(IReadOnlyList<TraceEvent> lines, bool reached)
    {
        // What happened before the step (a repair, a drop), then the step's own verdict. A step before it
        // that only saw the record late does not matter: it took the record.
        var verdicts = lines
            .Where(l => l.Step < step && l.Kind is not (TraceKind.Passed or TraceKind.Late or TraceKind.State or TraceKind.Output))
            .Select(Label).Distinct().ToList();
        var own = lines.FirstOrDefault(l => l.Step == step && _inputs.ContainsKey(l.Point) && l.Kind is not (TraceKind.State or TraceKind.Output));
        if (own is not null)
        {
            verdicts.Add(own.Kind switch
            {
                TraceKind.Passed => "taken",
                TraceKind.Late => "taken late",
                _ => Label(own),
            });
        }

        return verdicts.Count > 0 ? string.Join(", ", verdicts) : reached ? "taken" : $"did not reach step #{step}";
    }

    private static string Label(TraceEvent line)
    {
        var colon = line.Detail.IndexOf(':', StringComparison.Ordinal);
        var reason = line.Kind switch
        {
            TraceKind.Error => "error",
            TraceKind.Late => "late",
            TraceKind.Held => "held",
            _ when colon > 0 && !line.Detail[..colon].Contains(' ', StringComparison.Ordinal) => line.Detail[..colon],
            _ when line.Detail.Length > 0 && !line.Detail.Contains(' ', StringComparison.Ordinal) => line.Detail,
            _ => TraceJson.KindName(line.Kind),
        };
        return $"#{line.Step} {line.Operator} {reason}";
    }

    private sealed class Input
    {
        private readonly Dictionary<string, int> _verdicts = new(StringComparer.Ordinal);
        private int _records;
        private long? _first;
        private long? _last;

        public TraceEvent? LastBefore { get; set; }

        public void Count(string verdict, long time)
        {
            _records++;
            _verdicts[verdict] = _verdicts.GetValueOrDefault(verdict) + 1;
            _first = Math.Min(_first ?? time, time);
            _last = Math.Max(_last ?? time, time);
        }

        public ExplainedInput ToExplained(string point) =>
            new(point, _records, [.. _verdicts.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal)], _first, _last, LastBefore?.Time, LastBefore?.Value);
    }
}
