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
        foreach (var policy in SpecReader.Policies(spec, problems))
        {
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
}
