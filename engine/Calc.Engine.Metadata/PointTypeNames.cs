using Calc.Sdk;

namespace Calc.Engine.Metadata;

/// <summary>The names of point types in model files and in the store: <c>double long bool string</c>.</summary>
public static class PointTypeNames
{
    public static readonly string[] All = ["double", "long", "bool", "string"];

    public static bool TryParse(string? name, out PointType type)
    {
        var index = name is null ? -1 : Array.IndexOf(All, name);
        type = index < 0 ? PointType.Double : (PointType)index;
        return index >= 0;
    }

    public static string Name(PointType type) => All[(int)type];
}
