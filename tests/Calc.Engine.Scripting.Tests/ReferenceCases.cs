namespace Calc.Engine.Scripting.Tests;

/// <summary>Scripts and the references they make, in the order Evaluate expects values.</summary>
public sealed class ReferenceCases : TheoryData<string, string[]>
{
    public ReferenceCases()
    {
        Add("${m::b} + ${a} * ${m::b} + ${b}", ["m::b", "a", "b"]);
        Add("${ inverter :: AC_POWER } / 1000", ["inverter::AC_POWER"]);
        Add("${Power.Total} + ${温度}", ["Power.Total", "温度"]);
        Add("var s = \"${x}\" + '$' + @\"${y}\"; // ${z}\n/* ${w} */ return s.Length + ${v};", ["v"]);
        Add("return $\"{${m::a}:F1} costs $5\" + \"${price}\";", ["m::a"]);
        Add("return $$\"\"\"{{${m::a}}} ${b}\"\"\";", ["m::a"]);
        Add("return 1;", []);
        Add("return Math.Max(${turbine::P1}, Math.Max(${turbine::P2}, ${turbine::P1}));", ["turbine::P1", "turbine::P2"]);
    }
}
