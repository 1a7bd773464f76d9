namespace Calc.Engine.Expressions.Internal;

/// <summary>A built-in function: its name, how many arguments it takes and how it is written.</summary>
/// <param name="Name">Name as documented (calls match it ignoring case).</param>
/// <param name="MinArguments">Fewest arguments.</param>
/// <param name="MaxArguments">Most arguments, or <see cref="int.MaxValue"/> for no limit.</param>
/// <param name="Signature">How it is written, for messages.</param>
internal sealed record FunctionSpec(string Name, int MinArguments, int MaxArguments, string Signature)
{
    public string ArityText => MaxArguments == int.MaxValue
        ? MinArguments + " or more arguments"
        : MinArguments == MaxArguments
            ? MinArguments + (MinArguments == 1 ? " argument" : " arguments")
            : MinArguments + " or " + MaxArguments + " arguments";
}
