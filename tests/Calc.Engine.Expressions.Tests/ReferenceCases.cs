namespace Calc.Engine.Expressions.Tests;

/// <summary>Texts and the references they make, in the order Evaluate expects values.</summary>
public sealed class ReferenceCases : TheoryData<string, string[]>
{
    public ReferenceCases()
    {
        Add("${m::b} + [a] * ${m::b} + ${b}", ["m::b", "a", "b"]);
        Add("[m::a] + ${m::a}", ["m::a"]);
        Add("${name} + [name]", ["name"]);
        Add("${ inverter :: AC_POWER } / 1000", ["inverter::AC_POWER"]);
        Add("[Power.Total] + [温度]", ["Power.Total", "温度"]);
        Add("'[x]' + [y] + \"${z}\"", ["y"]);
        Add("1 + 2", []);
        Add("max(${turbine::P1}, ${turbine::P2}, ${turbine::P1})", ["turbine::P1", "turbine::P2"]);
    }
}
