namespace Calc.Engine.Records;

/// <summary>A point named on the command line: <c>model::point</c> (as jobs and outputs name it) or a bare point id.</summary>
public static class PointName
{
    /// <summary>The model (null for a bare point id) and the point id, both trimmed.</summary>
    public static (string? Model, string Point) Split(string name)
    {
        var separator = name.IndexOf("::", StringComparison.Ordinal);
        return separator < 0
            ? (null, name.Trim())
            : (name[..separator].Trim() is { Length: > 0 } model ? model : null, name[(separator + 2)..].Trim());
    }
}
