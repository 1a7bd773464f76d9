using Calc.Sdk;

namespace Acme.Foo;

/// <summary>Reads and checks the operator's params (every problem with its path), once per job.</summary>
internal sealed class ScaleFactory : IOperatorFactory
{
    public string Id => FooPlugin.ScaleId;

    public OperatorKind Kind => OperatorKind.Operator;

    public IOperatorDefinition? Define(OperatorSpec spec, IDefinitionContext context, ProblemList problems)
    {
        var before = problems.Items.Count;
        var p = SpecReader.Params(spec, problems);
        var input = p.Point("input", required: true);
        var output = p.Point("output", required: true);
        var factor = p.Number("factor") ?? 1;
        var offset = p.Number("offset") ?? 0;
        if (input is { } i && output is { } o && i.ModelId != o.ModelId)
        {
            problems.Add(p.At("output"), $"'{o}' must be a point of model '{i.ModelId}', the model of input");
        }

        return problems.Items.Count > before ? null : new ScaleDefinition(input!.Value, output!.Value, factor, offset);
    }
}
