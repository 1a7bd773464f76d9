using Calc.Sdk;

namespace Calc.Engine.Plugins.Tests;

/// <summary>
/// The engine enforces the manifest's schema before the operator sees a job: unknown fields, missing
/// required ones and each field's JSON type. The factory here accepts anything, so every problem comes
/// from the manifest check.
/// </summary>
public sealed class ManifestCheckTests
{
    private static readonly OperatorManifest Manifest = new()
    {
        Id = "test.any",
        Kind = "operator",
        Params =
        [
            new ParameterManifest { Name = "input", Type = "point", Required = true },
            new ParameterManifest { Name = "factor", Type = "number" },
            new ParameterManifest { Name = "enabled", Type = "boolean" },
            new ParameterManifest { Name = "mode", Type = "enum", Values = ["fast", "exact"] },
            new ParameterManifest { Name = "inputs", Type = "points" },
            new ParameterManifest { Name = "scale", Type = "numberOrAttribute" },
            new ParameterManifest { Name = "options", Type = "object" },
        ],
    };

    [Fact]
    public void ShouldReportMissingRequiredFieldsAndWrongTypesWithTheirPaths()
    {
        var problems = Compile("""{"factor":"2","enabled":1,"mode":"quick","inputs":["m::a",3],"scale":"x","options":[],"extra":1}""");

        Assert.Equal(
            [
                "pipeline[0].params.extra: unknown field (allowed here: input, factor, enabled, mode, inputs, scale, options)",
                "pipeline[0].params.input: required",
                "pipeline[0].params.factor: expected a number",
                "pipeline[0].params.enabled: expected true or false",
                "pipeline[0].params.mode: 'quick' must be one of fast, exact",
                "pipeline[0].params.inputs: expected an array of points (model::point strings)",
                "pipeline[0].params.scale: expected a number or {\"attribute\":\"name\"}",
                "pipeline[0].params.options: expected an object",
            ],
            problems);
    }

    [Fact]
    public void ShouldTreatNullAsAbsentAndAcceptWellTypedFields()
    {
        Assert.Equal(["pipeline[0].params.input: required"], Compile("""{"input":null}"""));
        Assert.Empty(Compile("""{"input":"m::p","factor":2,"enabled":false,"mode":"exact","inputs":["m::a"],"scale":{"attribute":"k"},"options":{}}"""));
    }

    private static string[] Compile(string parameters)
    {
        var registry = new OperatorRegistry();
        registry.Register(new AcceptAnything(), Manifest, "test", "1.0.0");
        var engine = CalcEngine.Create(registry, new CalcEngineOptions());
        var problems = new ProblemList();
        engine.Compile($$"""{"id":"j","orgId":"o1","pipeline":[{"op":"test.any","params":{{parameters}}}]}""", problems);
        return problems.Items.Select(p => $"{p.Path}: {p.Message}").ToArray();
    }

    private sealed class AcceptAnything : IOperatorFactory, IOperatorDefinition
    {
        public string Id => "test.any";

        public OperatorKind Kind => OperatorKind.Operator;

        public IReadOnlyList<PointRef> Inputs => [new PointRef("m", "p")];

        public IReadOnlyList<PointRef> Outputs => [new PointRef("m", "q")];

        public IOperatorDefinition? Define(OperatorSpec spec, IDefinitionContext context, ProblemList problems) => this;

        public IOperator CreateInstance() => throw new NotSupportedException("not run");
    }
}
