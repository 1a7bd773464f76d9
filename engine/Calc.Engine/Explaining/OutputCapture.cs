using Calc.Engine.Runtime;
using Calc.Engine.Tracing;
using Calc.Sdk;

namespace Calc.Engine.Explaining;

/// <summary>
/// The sink of an explain run: keeps the asset's outputs of the point, each with what caused it (the input
/// record being processed, or the final flush), and the nearest outputs before and after the time.
/// </summary>
internal sealed class OutputCapture(ExplainQuery query) : IOutputSink
{
    private PointRecord _current;
    private bool _flushing;
    private ExplainedValue? _before;
    private ExplainedValue? _after;

    public List<ExplainedValue> Values { get; } = [];

    public IReadOnlyList<ExplainedValue> Nearest => [.. new[] { _before, _after }.OfType<ExplainedValue>()];

    /// <summary>An input record is about to be processed (the run's input observer).</summary>
    public IOutputSink Observer => new InputNote(this);

    public void Flushing() => _flushing = true;

    public void Write(in PointRecord record)
    {
        if (!string.Equals(record.AssetId, query.AssetId, StringComparison.Ordinal) || !query.Point.Matches(in record))
        {
            return;
        }

        var value = new ExplainedValue(record.Time, record.Value, record.CalMode, Cause());
        if (record.Time == query.Time)
        {
            Values.Add(value);
        }
        else if (record.Time < query.Time && (_before is null || record.Time >= _before.Time))
        {
            _before = value;
        }
        else if (record.Time > query.Time && (_after is null || record.Time <= _after.Time))
        {
            _after = value;
        }
    }

    public void Flush()
    {
    }

    private string Cause() => _flushing
        ? "the end of the input (every open window and bucket is flushed as final)"
        : $"the record of {_current.AssetId} {_current.ModelId}::{_current.PointId}={_current.Value} at {TraceJson.Iso(_current.Time)}";

    private sealed class InputNote(OutputCapture capture) : IOutputSink
    {
        public void Write(in PointRecord record) => capture._current = record;

        public void Flush()
        {
        }
    }
}
