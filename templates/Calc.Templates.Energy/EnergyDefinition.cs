using Calc.Sdk;

namespace Calc.Templates.Energy;

internal sealed class EnergyDefinition(EnergyKind kind, EnergySettings settings, IReadOnlyList<EnergyPolicy> policies) : IOperatorDefinition
{
    public IReadOnlyList<PointRef> Inputs { get; } = [.. policies.Select(p => p.Input).Distinct()];

    public IReadOnlyList<PointRef> Outputs { get; } =
        [.. policies.SelectMany(p => new[] { p.DailyOutput, p.DetailOutput }).OfType<PointRef>().Distinct()];

    /// <summary>
    /// An output's time is its bucket's start; the bucket takes the readings after its start up to its end,
    /// and the reading at its start is where its first span begins.
    /// </summary>
    public SourceRange? SourceOf(PointRef output, long time)
    {
        IBucketScheme? scheme = policies.Any(p => p.DailyOutput == output) ? new DayCalendar(settings.TimeZone)
            : policies.Any(p => p.DetailOutput == output) && settings.DetailMs is { } detail ? new FixedIntervals(detail)
            : null;
        if (scheme is null)
        {
            return null;
        }

        scheme.Locate(time, out var start, out var end);
        return new SourceRange(start, end);
    }

    public IOperator CreateInstance() => kind == EnergyKind.MeterReading
        ? new MeterReadingOperator(settings, policies)
        : new PowerOperator(settings, policies, trapezoid: kind == EnergyKind.InstantPower);
}
