using Calc.Engine.Records;
using Calc.Sdk;

namespace Calc.Engine.Tsdb;

/// <summary>The parsed arguments of <c>calc query</c>.</summary>
public sealed record QueryArguments(TsdbQuery Query, QueryFormat Format, string? DatabasePath, bool Help)
{
    /// <summary>
    /// Parses <c>--asset A --point P [--from T] [--to T] [--every 1h --agg avg] [--format table|json|csv]
    /// [--org O] [--db PATH]</c> (also <c>--name=value</c>); every problem is added to <paramref name="problems"/>.
    /// </summary>
    public static QueryArguments Parse(IReadOnlyList<string> args, ProblemList problems)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                help = true;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                problems.Add(arg, "unexpected argument (options are --asset, --point, --from, --to, --every, --agg, --format, --org, --db)");
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[2..equals] : arg[2..];
            string? value = equals > 0 ? arg[(equals + 1)..] : (i + 1 < args.Count ? args[++i] : null);
            if (!Known.Contains(name))
            {
                problems.Add("--" + name, "unknown option (options are --asset, --point, --from, --to, --every, --agg, --format, --org, --db)");
            }
            else if (string.IsNullOrEmpty(value))
            {
                problems.Add("--" + name, "needs a value");
            }
            else if (!values.TryAdd(name, value))
            {
                problems.Add("--" + name, "given more than once");
            }
        }

        // A point is named like everywhere else, model::point; a bare point id matches every model.
        var (model, point) = PointName.Split(Get(values, "point", problems, required: !help) ?? "");
        var query = new TsdbQuery(Get(values, "asset", problems, required: !help) ?? "", point)
        {
            ModelId = model,
            OrgId = values.GetValueOrDefault("org"),
            From = Time(values, "from", problems),
            To = Time(values, "to", problems),
            Every = Every(values, problems),
            Aggregation = Aggregation(values, problems),
        };
        if (!help)
        {
            var queryProblems = new ProblemList();
            query.Validate(queryProblems);
            foreach (var problem in queryProblems.Items)
            {
                // Missing asset/point are reported above; the rest reads better with option names.
                if (problem.Path is not ("asset" or "point") && !problems.Items.Any(p => p.Path == "--" + problem.Path))
                {
                    problems.Add("--" + problem.Path, problem.Message);
                }
            }
        }

        return new QueryArguments(query, FormatOf(values, problems), values.GetValueOrDefault("db"), help);
    }

    private static readonly HashSet<string> Known = ["asset", "point", "from", "to", "every", "agg", "format", "org", "db"];

    private static string? Get(Dictionary<string, string> values, string name, ProblemList problems, bool required)
    {
        if (values.TryGetValue(name, out var value))
        {
            return value;
        }

        if (required)
        {
            problems.Add("--" + name, "is required");
        }

        return null;
    }

    private static long? Time(Dictionary<string, string> values, string name, ProblemList problems)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return null;
        }

        if (TsdbTime.TryParse(text, out var time))
        {
            return time;
        }

        problems.Add("--" + name, $"'{text}' is not a time: give epoch milliseconds (1589500800000) or ISO-8601 (2020-05-15T00:00:00Z)");
        return null;
    }

    private static long? Every(Dictionary<string, string> values, ProblemList problems)
    {
        if (!values.TryGetValue("every", out var text))
        {
            return null;
        }

        var every = Duration.TryParse(text, out var error);
        if (every is null or 0)
        {
            problems.Add("--every", error ?? "must be a positive duration like 15m or 1h");
            return null;
        }

        return every;
    }

    private static TsdbAggregation? Aggregation(Dictionary<string, string> values, ProblemList problems)
    {
        if (!values.TryGetValue("agg", out var text))
        {
            return null;
        }

        if (Enum.TryParse<TsdbAggregation>(text, ignoreCase: true, out var aggregation) && !char.IsAsciiDigit(text[0]))
        {
            return aggregation;
        }

        problems.Add("--agg", $"'{text}' is not an aggregation: use avg, min, max, sum, count, first or last");
        return null;
    }

    private static QueryFormat FormatOf(Dictionary<string, string> values, ProblemList problems)
    {
        var text = values.GetValueOrDefault("format", "table");
        if (Enum.TryParse<QueryFormat>(text, ignoreCase: true, out var format) && !char.IsAsciiDigit(text[0]))
        {
            return format;
        }

        problems.Add("--format", $"'{text}' is not a format: use table, json or csv");
        return QueryFormat.Table;
    }
}
