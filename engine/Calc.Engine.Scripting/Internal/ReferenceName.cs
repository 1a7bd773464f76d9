namespace Calc.Engine.Scripting.Internal;

/// <summary>Checks and normalizes the inside of a reference: <c>model::name</c> or <c>name</c>.</summary>
internal static class ReferenceName
{
    private const string Forbidden = "[]{}$'\"";

    public static bool Normalize(string inner, out string name, out string why)
    {
        name = inner.Trim();
        why = string.Empty;
        if (name.Length == 0)
        {
            why = "the name is empty";
            return false;
        }

        foreach (var c in name)
        {
            if (Forbidden.Contains(c, StringComparison.Ordinal) || char.IsControl(c))
            {
                why = "a name cannot contain '" + (char.IsControl(c) ? "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) : c.ToString()) + "'";
                return false;
            }
        }

        var separator = name.IndexOf("::", StringComparison.Ordinal);
        if (separator < 0)
        {
            return true;
        }

        var model = name[..separator].Trim();
        var point = name[(separator + 2)..].Trim();
        if (model.Length == 0 || point.Length == 0)
        {
            why = "expected model::point with both parts";
            return false;
        }

        if (point.Contains("::", StringComparison.Ordinal))
        {
            why = "expected one '::' between model and point";
            return false;
        }

        name = model + "::" + point;
        return true;
    }
}
