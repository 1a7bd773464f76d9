using Calc.Engine.Records;
using Calc.Engine.Tsdb;
using Calc.Sdk;

namespace Calc.Host.Commands;

/// <summary>The parsed arguments of <c>calc query</c>.</summary>
internal sealed record QueryArguments(TsdbQuery Query, QueryFormat Format, string? DatabasePath)
{
    private static readonly string[] Options = ["asset", "point", "from", "to", "every", "agg", "format", "org", "db"];

    /// <summary>
    /// Parses <c>--asset A --point P [--from T] [--to T] [--every 1h --agg avg] [--format table|json|csv]
    /// [--org O] [--db PATH]</c> (also <c>--name=value</c>) with the shared <see cref="CliArgs"/>;
    /// every problem is added to <paramref name="problems"/>.
    /// </summary>
    public static QueryArguments Parse(IReadOnlyList<string> args, ProblemList problems)
    {
        var parsed = CliArgs.Parse(args, Options);
        foreach (var error in parsed.Errors)
        {
            problems.Add("", error);
        }

        foreach (var positional in parsed.Positional)
        {
            problems.Add(positional, "unexpected argument (options are --asset, --point, --from, --to, --every, --agg, --format, --org, --db)");
        }

        // A point is named like everywhere else, model::point; a bare point id matches every model.
        var (model, point) = PointName.Split(Required(parsed, "point", problems) ?? "");
        var query = new TsdbQuery(Required(parsed, "asset", problems) ?? "", point)
        {
            ModelId = model,
            OrgId = parsed.Get("org"),
            From = Time(parsed, "from", problems),
            To = Time(parsed, "to", problems),
            Every = Every(parsed, problems),
            Aggregation = Aggregation(parsed, problems),
        };
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

        return new QueryArguments(query, FormatOf(parsed, problems), parsed.Get("db"));
    }

    private static string? Required(CliArgs parsed, string name, ProblemList problems)
    {
        var value = parsed.Get(name);
        if (string.IsNullOrEmpty(value) && !parsed.Errors.Any(e => e.StartsWith("--" + name + " ", StringComparison.Ordinal)))
        {
            problems.Add("--" + name, "is required");
        }

        return value;
    }

    private static long? Time(CliArgs parsed, string name, ProblemList problems)
    {
        if (parsed.Get(name) is not { } text)
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

    private static long? Every(CliArgs parsed, ProblemList problems)
    {
        if (parsed.Get("every") is not { } text)
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

    private static TsdbAggregation? Aggregation(CliArgs parsed, ProblemList problems)
    {
        if (parsed.Get("agg") is not { } text)
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

    private static QueryFormat FormatOf(CliArgs parsed, ProblemList problems)
    {
        var text = parsed.Get("format") ?? "table";
        if (Enum.TryParse<QueryFormat>(text, ignoreCase: true, out var format) && !char.IsAsciiDigit(text[0]))
        {
            return format;
        }

        problems.Add("--format", $"'{text}' is not a format: use table, json or csv");
        return QueryFormat.Table;
    }
}
