using Calc.Sdk;

namespace Acme.PowerCurve;

/// <summary>Validates the <c>params</c> of an <c>acme.power-curve</c> step, reporting every problem with its JSON path.</summary>
internal sealed class PowerCurveFactory : IOperatorFactory
{
    public const double DefaultTolerance = 0.1;

    public string Id => PowerCurvePlugin.OperatorId;

    public OperatorKind Kind => OperatorKind.Operator;

    public IOperatorDefinition? Define(OperatorSpec spec, IDefinitionContext context, ProblemList problems)
    {
        var before = problems.Items.Count;
        var p = SpecReader.Params(spec, problems);
        var windSpeed = p.Point("windSpeed", required: true);
        var power = p.Point("power", required: true);
        var curve = CurveReader.Read(p, problems);
        var expected = p.Point("expectedOutput", required: true);
        var deviation = p.Point("deviationOutput");
        var flag = p.Point("flagOutput");
        var tolerance = p.Number("tolerance") ?? DefaultTolerance;
        if (tolerance is < 0 or >= 1)
        {
            problems.Add(p.At("tolerance"), $"expected a fraction in [0, 1) (0.1 = 10 %), not {SpecReader.Format(tolerance)}");
        }

        var trigger = p.Enum("trigger", ["windSpeed", "power", "any"], "windSpeed") switch
        {
            "power" => Trigger.Power,
            "any" => Trigger.Any,
            _ => Trigger.WindSpeed,
        };

        if (windSpeed is { } w)
        {
            SameModel(p, "power", power, w.ModelId);
            SameModel(p, "expectedOutput", expected, w.ModelId);
            SameModel(p, "deviationOutput", deviation, w.ModelId);
            SameModel(p, "flagOutput", flag, w.ModelId);
        }

        if (problems.Items.Count > before)
        {
            return null;
        }

        return new PowerCurveDefinition(windSpeed!.Value, power!.Value, curve!, expected!.Value, deviation, flag, tolerance, trigger);
    }

    /// <summary>Outputs keep the input's asset and model, so every point must be of the wind speed's model.</summary>
    private static void SameModel(SpecReader p, string field, PointRef? point, string model)
    {
        if (point is { } value && value.ModelId != model)
        {
            p.Problems.Add(p.At(field), $"'{value}' must be a point of model '{model}', the model of windSpeed");
        }
    }
}
