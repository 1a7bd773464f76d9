using Calc.Sdk;

namespace Acme.Foo;

/// <summary>One per lane. Process is the hot path: no allocation, return early for other points.</summary>
internal sealed class ScaleOperator(ScaleDefinition definition) : IOperator
{
    private IOperatorContext? _context;

    public void Open(IOperatorContext context) => _context = context;

    public void Process(in PointRecord record)
    {
        if (!definition.Input.Matches(in record) || !record.Value.IsNumber)
        {
            return;
        }

        var value = (record.Value.Number * definition.Factor) + definition.Offset;
        _context!.Emit(PointRecord.Derive(in record, definition.Output.PointId, record.Time, PointValue.FromNumber(value)));
    }

    public void Close()
    {
    }
}
