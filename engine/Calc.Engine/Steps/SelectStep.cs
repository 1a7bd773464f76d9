using System.Text.Json;
using Calc.Engine.Jobs;
using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Engine.Steps;

/// <summary><c>{"op":"select","points":[...]}</c>: passes only the listed points.</summary>
internal sealed class SelectStep(HashSet<(string, string)> points, IReadOnlyList<PointRef> list) : IOperatorDefinition, IOperator
{
    private IOperatorContext _context = null!;

    public IReadOnlyList<PointRef> Inputs => list;

    public IReadOnlyList<PointRef> Outputs => list;

    public SourceRange? SourceOf(PointRef output, long time) => new SourceRange(time, time);

    public static CompiledStep? Define(PipelineStepDefinition step, ProblemList problems)
    {
        JsonShape.NoUnknownFields(step.Json, step.Path, problems, "op", "points");
        var path = ProblemList.Join(step.Path, "points");
        if (!step.Json.TryGetProperty("points", out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            problems.Add(path, "expected a non-empty array of points like [\"turbine::ActivePower\"]");
            return null;
        }

        var set = new HashSet<(string, string)>();
        var list = new List<PointRef>();
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && PointRef.TryParse(item.GetString(), out var point))
            {
                set.Add((point.ModelId, point.PointId));
                list.Add(point);
            }
            else
            {
                problems.Add(ProblemList.Index(path, i), $"{JsonShape.Describe(item)} is not a point: expected model::point");
            }

            i++;
        }

        return new CompiledStep(step.Path, "select", new SelectStep(set, list), IsFilter: true);
    }

    public IOperator CreateInstance() => new SelectStep(points, list);

    public void Open(IOperatorContext context) => _context = context;

    public void Process(in PointRecord record)
    {
        if (points.Contains((record.ModelId, record.PointId)))
        {
            _context.Emit(in record);
        }
        else
        {
            _context.Metrics.Count("filtered.select");
        }
    }

    public void Close()
    {
    }
}
