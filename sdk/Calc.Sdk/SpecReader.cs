using System.Globalization;
using System.Text.Json;

namespace Calc.Sdk;

/// <summary>
/// Reads one JSON object of a job (settings, a policy, params) strictly, reporting each problem with
/// its JSON path to a <see cref="ProblemList"/> and going on, so that every problem is found at once.
/// Missing optional fields give null.
/// </summary>
/// <param name="json">The object (an undefined element reads as empty).</param>
/// <param name="path">Its JSON path in the job.</param>
/// <param name="problems">Where problems go.</param>
public readonly struct SpecReader(JsonElement json, string path, ProblemList problems)
{
    /// <summary>The object's JSON path.</summary>
    public string Path => path;

    /// <summary>The problems list.</summary>
    public ProblemList Problems => problems;

    /// <summary>True when the object has the field.</summary>
    public bool Has(string name) => json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out _);

    /// <summary>The path of a field.</summary>
    public string At(string name) => ProblemList.Join(path, name);

    /// <summary>The raw element of a field, if present.</summary>
    public bool TryGet(string name, out JsonElement value)
    {
        value = default;
        return json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }

    /// <summary>A non-empty string.</summary>
    public string? String(string name, bool required = false)
    {
        if (!TryGet(name, out var value))
        {
            if (required)
            {
                problems.Add(At(name), "required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            problems.Add(At(name), "expected a non-empty string");
            return null;
        }

        return value.GetString();
    }

    /// <summary>A finite number.</summary>
    public double? Number(string name, bool required = false)
    {
        if (!TryGet(name, out var value))
        {
            if (required)
            {
                problems.Add(At(name), "required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !double.IsFinite(value.GetDouble()))
        {
            problems.Add(At(name), "expected a number");
            return null;
        }

        return value.GetDouble();
    }

    /// <summary>A duration in milliseconds (<c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>, <c>1d</c>).</summary>
    public long? Duration(string name, bool required = false)
    {
        if (TryGet(name, out var value) && value.ValueKind != JsonValueKind.String)
        {
            problems.Add(At(name), "expected a duration such as \"30s\" (500ms, 30s, 5m, 1h, 1d)");
            return null;
        }

        var text = String(name, required);
        if (text is null)
        {
            return null;
        }

        var ms = Sdk.Duration.TryParse(text, out var error);
        if (ms is null)
        {
            problems.Add(At(name), error!);
        }

        return ms;
    }

    /// <summary>An interval like <c>[0,100)</c>.</summary>
    public Interval? Interval(string name, bool required = false)
    {
        var text = String(name, required);
        if (text is null)
        {
            return null;
        }

        var interval = Sdk.Interval.TryParse(text, out var error);
        if (interval is null)
        {
            problems.Add(At(name), error!);
        }

        return interval;
    }

    /// <summary>A point <c>model::point</c>.</summary>
    public PointRef? Point(string name, bool required = false)
    {
        var text = String(name, required);
        if (text is null)
        {
            return null;
        }

        if (PointRef.TryParse(text, out var point))
        {
            return point;
        }

        problems.Add(At(name), $"'{text}' is not a point: expected model::point, e.g. inverter::AC_POWER");
        return null;
    }

    /// <summary>One of <paramref name="values"/>; <paramref name="fallback"/> when absent.</summary>
    public string? Enum(string name, string[] values, string? fallback = null, bool required = false)
    {
        var text = String(name, required);
        if (text is null)
        {
            return fallback;
        }

        if (System.Array.IndexOf(values, text) < 0)
        {
            problems.Add(At(name), $"'{text}' must be one of {string.Join(", ", values)}");
            return fallback;
        }

        return text;
    }

    /// <summary>The preprocessing fields of a policy: <c>threshold</c>, <c>interpolation</c>, <c>maxGap</c>, <c>maxRate</c>.</summary>
    public PreprocessOptions Preprocess(string[]? interpolations = null)
    {
        interpolations ??= ["ignore", "lastValue", "linear"];
        var mode = Enum("interpolation", interpolations, "ignore") switch
        {
            "lastValue" => InterpolationMode.LastValue,
            "linear" => InterpolationMode.Linear,
            _ => InterpolationMode.Ignore,
        };
        var rate = Number("maxRate");
        if (rate is <= 0)
        {
            problems.Add(At("maxRate"), "expected a positive number of units per hour");
        }

        return new PreprocessOptions
        {
            Threshold = Interval("threshold") ?? Sdk.Interval.All,
            Interpolation = mode,
            MaxGapMs = Duration("maxGap"),
            MaxRatePerHour = rate is > 0 ? rate : null,
        };
    }

    /// <summary>The elements of an array field, each with its path; reports a missing or empty array when required.</summary>
    public IEnumerable<SpecReader> Array(string name, bool required = false)
    {
        if (!TryGet(name, out var value))
        {
            if (required)
            {
                problems.Add(At(name), "required: expected a non-empty array");
            }

            yield break;
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            problems.Add(At(name), "expected a non-empty array");
            yield break;
        }

        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = ProblemList.Index(At(name), i++);
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Add(itemPath, "expected an object");
                continue;
            }

            yield return new SpecReader(item, itemPath, problems);
        }
    }

    /// <summary>The settings object of a template spec.</summary>
    public static SpecReader Settings(OperatorSpec spec, ProblemList problems) =>
        new(spec.Settings, ProblemList.Join(spec.Path, "settings"), problems);

    /// <summary>The params object of an operator spec.</summary>
    public static SpecReader Params(OperatorSpec spec, ProblemList problems) =>
        new(spec.Params, ProblemList.Join(spec.Path, "params"), problems);

    /// <summary>
    /// How many policies a template spec may have: <see cref="Policies"/> reports more at <c>policies</c>
    /// and yields only the first ones (a job that large is split into several).
    /// </summary>
    public const int MaxPolicies = 1_000;

    /// <summary>
    /// Each policy of a template spec; reports a missing or empty <c>policies</c> array, and more than
    /// <see cref="MaxPolicies"/> policies.
    /// </summary>
    public static IEnumerable<SpecReader> Policies(OperatorSpec spec, ProblemList problems)
    {
        var path = ProblemList.Join(spec.Path, "policies");
        if (spec.Policies.ValueKind != JsonValueKind.Array || spec.Policies.GetArrayLength() == 0)
        {
            problems.Add(path, "required: expected a non-empty array of policies");
            yield break;
        }

        if (spec.Policies.GetArrayLength() > MaxPolicies)
        {
            problems.Add(path, $"more than {MaxPolicies} policies: split the job");
            yield break;
        }

        var i = 0;
        foreach (var item in spec.Policies.EnumerateArray())
        {
            var itemPath = ProblemList.Index(path, i++);
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Add(itemPath, "expected an object");
                continue;
            }

            yield return new SpecReader(item, itemPath, problems);
        }
    }

    /// <summary>Formats a number for messages.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
