namespace Calc.Engine.Records;

/// <summary>Why a point record could not be read; null reason means success.</summary>
public readonly record struct ParseResult(bool Ok, string? Reason)
{
    public static ParseResult Success => new(true, null);

    public static ParseResult Fail(string reason) => new(false, reason);
}
