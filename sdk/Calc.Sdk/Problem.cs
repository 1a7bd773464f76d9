namespace Calc.Sdk;

/// <summary>One problem found in a job, with the JSON path of what is wrong.</summary>
/// <param name="Path">JSON path, e.g. <c>policies[2].threshold</c>.</param>
/// <param name="Message">What is wrong and what would be right.</param>
public sealed record Problem(string Path, string Message)
{
    /// <summary><c>path: message</c>.</summary>
    public override string ToString() => string.IsNullOrEmpty(Path) ? Message : Path + ": " + Message;
}
