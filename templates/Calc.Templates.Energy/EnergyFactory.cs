using Calc.Sdk;

namespace Calc.Templates.Energy;

/// <summary>Validates and defines jobs of one of the three energy templates (SPEC §5.3–5.5).</summary>
internal sealed class EnergyFactory(EnergyKind kind) : IOperatorFactory
{
    public string Id => kind switch
    {
        EnergyKind.MeterReading => "energy-by-meter-reading",
        EnergyKind.InstantPower => "energy-by-instant-power",
        _ => "energy-by-average-power",
    };

    public OperatorKind Kind => OperatorKind.Template;

    public IOperatorDefinition? Define(OperatorSpec spec, IDefinitionContext context, ProblemList problems)
    {
        var before = problems.Items.Count;
        var settingsReader = SpecReader.Settings(spec, problems);
        var settings = EnergySettingsReader.Read(settingsReader, kind);
        var hasDetail = settingsReader.Has("detailInterval");
        var policies = new List<EnergyPolicy>();
        var outputs = new Dictionary<PointRef, string>();
        foreach (var policy in SpecReader.Policies(spec, problems))
        {
            foreach (var field in (string[])["dailyOutput", "detailOutput"])
            {
                // Both outputs of one policy being the same point is refused by the policy reader.
                if (Named(policy, field) is { } named && outputs.TryGetValue(named, out var first) && !first.StartsWith(policy.Path + ".", StringComparison.Ordinal))
                {
                    problems.Add(policy.At(field), $"{named} is already the output of {first}: each policy needs its own outputs");
                }
                else if (Named(policy, field) is { } claimed)
                {
                    outputs.TryAdd(claimed, policy.At(field));
                }
            }

            if (EnergyPolicyReader.Read(policy, kind, settings, hasDetail) is { } read)
            {
                policies.Add(read);
            }
        }

        if (problems.Items.Count > before || settings is null)
        {
            return null;
        }

        return new EnergyDefinition(kind, settings, policies);
    }

    /// <summary>The point a field names, without reporting a bad one (the policy's own reading does).</summary>
    private static PointRef? Named(SpecReader policy, string field) =>
        policy.TryGet(field, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String && PointRef.TryParse(value.GetString()!, out var point) ? point : null;
}
