using Calc.Sdk;

namespace GoodPlugin;

/// <summary>Registers <c>test.scale</c>: output = input × factor, per record.</summary>
public sealed class GoodPlugin : ICalcPlugin
{
    public void Register(IPluginRegistry registry) => registry.Add(new Factory());

    private sealed class Factory : IOperatorFactory
    {
        public string Id => "test.scale";

        public OperatorKind Kind => OperatorKind.Operator;

        public IOperatorDefinition? Define(OperatorSpec spec, IDefinitionContext context, ProblemList problems)
        {
            var p = SpecReader.Params(spec, problems);
            var input = p.Point("input", required: true);
            var output = p.Point("output", required: true);
            var factor = p.Number("factor") ?? 1;
            return input is null || output is null ? null : new Definition(input.Value, output.Value, factor);
        }
    }

    private sealed record Definition(PointRef Input, PointRef Output, double Factor) : IOperatorDefinition
    {
        public IReadOnlyList<PointRef> Inputs => [Input];

        public IReadOnlyList<PointRef> Outputs => [Output];

        public IOperator CreateInstance() => new Operator(this);
    }

    private sealed class Operator(Definition definition) : IOperator
    {
        private IOperatorContext _context = null!;

        public void Open(IOperatorContext context) => _context = context;

        public void Process(in PointRecord record)
        {
            if (definition.Input.Matches(in record) && record.Value.IsNumber)
            {
                _context.Emit(PointRecord.Derive(in record, definition.Output.PointId, record.Time, PointValue.FromNumber(record.Value.Number * definition.Factor)));
            }
        }

        public void Close()
        {
        }
    }
}
