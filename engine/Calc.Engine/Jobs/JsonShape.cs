using System.Text.Json;
using Calc.Sdk;

namespace Calc.Engine.Jobs;

/// <summary>Small strict readers for job JSON: each problem is reported with its path and reading goes on.</summary>
internal static class JsonShape
{
    public static bool IsObject(JsonElement element, string path, ProblemList problems)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        problems.Add(path, $"expected an object, found {Describe(element)}");
        return false;
    }

    /// <summary>Reports every property of <paramref name="element"/> that is not in <paramref name="allowed"/>.</summary>
    public static void NoUnknownFields(JsonElement element, string path, ProblemList problems, params string[] allowed)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (Array.IndexOf(allowed, property.Name) < 0)
            {
                problems.Add(ProblemList.Join(path, property.Name), $"unknown field (allowed here: {string.Join(", ", allowed)})");
            }
        }
    }

    public static string? String(JsonElement parent, string name, string path, ProblemList problems, bool required)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                problems.Add(ProblemList.Join(path, name), "required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            problems.Add(ProblemList.Join(path, name), $"expected a non-empty string, found {Describe(value)}");
            return null;
        }

        return value.GetString();
    }

    public static long? Duration(JsonElement parent, string name, string path, ProblemList problems, bool required)
    {
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value)
            && value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            problems.Add(ProblemList.Join(path, name), $"expected a duration such as \"30s\" (500ms, 30s, 5m, 1h, 1d), found {Describe(value)}");
            return null;
        }

        var text = String(parent, name, path, problems, required);
        if (text is null)
        {
            return null;
        }

        var ms = Sdk.Duration.TryParse(text, out var error);
        if (ms is null)
        {
            problems.Add(ProblemList.Join(path, name), error!);
        }

        return ms;
    }

    public static Interval? Interval(JsonElement parent, string name, string path, ProblemList problems)
    {
        var text = String(parent, name, path, problems, required: false);
        if (text is null)
        {
            return null;
        }

        var interval = Sdk.Interval.TryParse(text, out var error);
        if (interval is null)
        {
            problems.Add(ProblemList.Join(path, name), error!);
        }

        return interval;
    }

    public static PointRef? Point(JsonElement parent, string name, string path, ProblemList problems, bool required)
    {
        var text = String(parent, name, path, problems, required);
        if (text is null)
        {
            return null;
        }

        if (PointRef.TryParse(text, out var point))
        {
            return point;
        }

        problems.Add(ProblemList.Join(path, name), $"'{text}' is not a point: expected model::point, e.g. inverter::AC_POWER");
        return null;
    }

    public static bool? Bool(JsonElement parent, string name, string path, ProblemList problems)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        problems.Add(ProblemList.Join(path, name), $"expected true or false, found {Describe(value)}");
        return null;
    }

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{element.GetString()}\"",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
