using Calc.Sdk;

namespace Acme.Foo;

/// <summary>The checked configuration: immutable, shared by every lane of the job.</summary>
internal sealed record ScaleDefinition(PointRef Input, PointRef Output, double Factor, double Offset) : IOperatorDefinition
{
    public IReadOnlyList<PointRef> Inputs => [Input];

    public IReadOnlyList<PointRef> Outputs => [Output];

    public IOperator CreateInstance() => new ScaleOperator(this);
}
