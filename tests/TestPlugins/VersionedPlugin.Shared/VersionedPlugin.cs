using Calc.Sdk;

namespace VersionedPlugin;

/// <summary>Registers <c>test.versioned</c>, which writes this build's major version (1 or 2) for each input record.</summary>
public sealed class VersionedPlugin : ICalcPlugin
{
#if PLUGIN_V2
    public const int Major = 2;
#else
    public const int Major = 1;
#endif

    public void Register(IPluginRegistry registry) => registry.Add(new Factory());

    private sealed class Factory : IOperatorFactory
    {
        public string Id => "test.versioned";

        public OperatorKind Kind => OperatorKind.Operator;

        public IOperatorDefinition? Define(OperatorSpec spec, IDefinitionContext context, ProblemList problems)
        {
            var p = SpecReader.Params(spec, problems);
            var input = p.Point("input", required: true);
            var output = p.Point("output", required: true);
            return input is null || output is null ? null : new Definition(input.Value, output.Value);
        }
    }

    private sealed record Definition(PointRef Input, PointRef Output) : IOperatorDefinition
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
            if (definition.Input.Matches(in record))
            {
                _context.Emit(PointRecord.Derive(in record, definition.Output.PointId, record.Time, PointValue.FromNumber(Major)));
            }
        }

        public void Close()
        {
        }
    }
}
