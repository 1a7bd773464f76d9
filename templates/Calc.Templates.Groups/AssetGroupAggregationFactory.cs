using System.Text.Json;
using Calc.Sdk;

namespace Calc.Templates.Groups;

/// <summary>Validates and defines <c>asset-group-aggregation</c> jobs.</summary>
internal sealed class AssetGroupAggregationFactory : IOperatorFactory
{
    private const long DefaultRetentionMs = 60L * 86_400_000;
    private static readonly string[] MemberAggregations = ["avg", "max", "min", "sum", "count", "first", "last"];
    private static readonly string[] GroupAggregations = ["sum", "avg", "min", "max", "count"];

    /// <summary>How many windows one record may fall into (window / slide): each costs an accumulator per member and record.</summary>
    public const long MaxWindowsPerRecord = 1_000;

    public string Id => "asset-group-aggregation";

    public OperatorKind Kind => OperatorKind.Template;

    public IOperatorDefinition? Define(OperatorSpec spec, IDefinitionContext context, ProblemList problems)
    {
        var before = problems.Items.Count;
        var settings = SpecReader.Settings(spec, problems);
        var groupBy = GroupBy(settings, out var byAttribute);
        var window = settings.Duration("window", required: true);
        var slide = settings.Duration("slide");
        var latency = settings.Duration("latency") ?? 0;
        var lag = settings.Duration("maxMemberLag");
        var retention = settings.Duration("retention") ?? DefaultRetentionMs;
        var groupModel = settings.String("groupModel", required: true);
        var zone = Zone(settings);
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

        var policies = new List<GroupPolicy>();
        var outputs = new Dictionary<PointRef, string>();
        foreach (var policy in SpecReader.Policies(spec, problems))
        {
            var input = policy.Point("input", required: true);
            var output = policy.Point("output", required: true);
            if (output is { } named && !outputs.TryAdd(named, policy.At("output")))
            {
                problems.Add(policy.At("output"), $"{named} is already the output of {outputs[named]}: each policy needs its own output");
            }

            var member = policy.Enum("memberAggregation", MemberAggregations, required: true);
            var group = policy.Enum("groupAggregation", GroupAggregations, required: true);
            var preprocess = policy.Preprocess();
            if (output is { } o && groupModel is not null && o.ModelId != groupModel)
            {
                problems.Add(policy.At("output"), $"'{o}' must be a point of the groupModel '{groupModel}' ({groupModel}::{o.PointId})");
            }

            if (input is { } i && output is { } o2 && member is not null && group is not null)
            {
                policies.Add(new GroupPolicy(i, o2, Enum.Parse<MemberAggregation>(member, ignoreCase: true), Enum.Parse<GroupAggregation>(group, ignoreCase: true), preprocess));
            }
        }

        if (problems.Items.Count > before || window is null || groupModel is null || !groupBy)
        {
            return null;
        }

        return new GroupDefinition(new GroupSettings(byAttribute, window.Value, slide ?? window.Value, latency, zone, lag, retention, groupModel), policies);
    }

    private static bool GroupBy(SpecReader settings, out string? attribute)
    {
        attribute = null;
        if (!settings.TryGet("groupBy", out var value))
        {
            settings.Problems.Add(settings.At("groupBy"), "required: \"parent\" or {\"attribute\":\"NAME\"}");
            return false;
        }

        if (value.ValueKind == JsonValueKind.String && value.GetString() == "parent")
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            var inner = new SpecReader(value, settings.At("groupBy"), settings.Problems);
            var count = settings.Problems.Items.Count;
            foreach (var property in value.EnumerateObject())
            {
                if (property.Name != "attribute")
                {
                    settings.Problems.Add(inner.At(property.Name), "unknown field (fields: attribute)");
                }
            }

            attribute = inner.String("attribute", required: true);
            return attribute is not null && settings.Problems.Items.Count == count;
        }

        settings.Problems.Add(settings.At("groupBy"), "expected \"parent\" or {\"attribute\":\"NAME\"}");
        return false;
    }

    private static TimeZoneInfo? Zone(SpecReader settings)
    {
        var id = settings.String("timeZone");
        if (id is null)
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            settings.Problems.Add(settings.At("timeZone"), $"'{id}' is not a known time zone: expected an IANA id such as Asia/Kolkata or Europe/Berlin");
            return null;
        }
    }
}
