using Calc.Sdk;

namespace Calc.Templates.Energy;

/// <summary>One validated policy: an input point, its rules, and where daily and detail energy go.</summary>
internal sealed record EnergyPolicy(
    PointRef Input,
    PointRef? DailyOutput,
    PointRef? DetailOutput,
    ScaleBinding Scale,
    SlopeBinding Slope,
    PreprocessOptions Preprocess);
