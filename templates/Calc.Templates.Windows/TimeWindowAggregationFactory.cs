using Calc.Sdk;

namespace Calc.Templates.Windows;

/// <summary>Validates and defines <c>time-window-aggregation</c> jobs (SPEC §5.1).</summary>
internal sealed class TimeWindowAggregationFactory : IOperatorFactory
{
    private static readonly string[] Aggregations = ["avg", "max", "min", "sum", "count", "first", "last"];

    /// <summary>How many windows one record may fall into (window / slide): each costs an accumulator per record.</summary>
    public const long MaxWindowsPerRecord = 1_000;

    public string Id => "time-window-aggregation";

    public OperatorKind Kind => OperatorKind.Template;

    public IOperatorDefinition? Define(OperatorSpec spec, IDefinitionContext context, ProblemList problems)
    {
        var before = problems.Items.Count;
        var settings = SpecReader.Settings(spec, problems);
        var window = settings.Duration("window", required: true);
        var slide = settings.Duration("slide");
        var latency = settings.Duration("latency") ?? 0;
        if (window is <= 0)
        {
            problems.Add(settings.At("window"), "must be longer than 0");
        }

        if (slide is { } s && window is { } w && (s <= 0 || s > w))
        {
            problems.Add(settings.At("slide"), $"must be longer than 0 and at most the window ({Duration.Format(w)})");
        }
        else if (slide is { } sl && window is { } wi && (wi + sl - 1) / sl > MaxWindowsPerRecord)
        {
            problems.Add(settings.At("slide"), $"a record would fall into {(wi + sl - 1) / sl} windows; at most {MaxWindowsPerRecord} are allowed: make the slide at least {Duration.Format((wi + MaxWindowsPerRecord - 1) / MaxWindowsPerRecord)}");
        }

        var policies = new List<WindowPolicy>();
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var policy in SpecReader.Policies(spec, problems))
        {
            var input = policy.Point("input", required: true);
            var output = policy.Point("output", required: true);
            if (output is { } named)
            {
                var key = named.ToString();
                if (outputs.TryGetValue(key, out var first))
                {
                    problems.Add(policy.At("output"), $"{key} is already the output of {first}: each policy needs its own output");
                }
                else
                {
                    outputs[key] = policy.At("output");
                }
            }

            var aggregation = policy.Enum("aggregation", Aggregations, required: true);
            var preprocess = policy.Preprocess();
            if (input is { } i && output is { } o && aggregation is not null)
            {
                policies.Add(new WindowPolicy(i, o, Enum.Parse<Aggregation>(aggregation, ignoreCase: true), preprocess));
            }
        }

        if (problems.Items.Count > before || window is null)
        {
            return null;
        }

        return new TimeWindowDefinition(new WindowSettings(window.Value, slide ?? window.Value, latency), policies);
    }
}
