using System.Text.Json.Nodes;
using Calc.Engine.Hosting;
using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Host.Tests;

/// <summary>
/// A bounded, seeded fuzz of job validation, through the engine <c>calc check</c> and <c>PUT /jobs</c> use (the
/// built-in templates, NCalc and C# scripts): real jobs with their values replaced by random JSON shapes, fields
/// dropped, renamed, added and nested deeply, and random documents from scratch. Every case must end in a valid
/// job or in a list of problems, each with a message — never in an exception.
/// </summary>
[Collection(DataDirCollection.Name)]
public sealed class JobValidationFuzzTests : DataDirTest
{
    private const int Cases = 2500;

    private static readonly string[] Seeds =
    [
        """
        {"id":"wind","orgId":"o1","description":"d","idleTimeout":"5m","pipeline":[
          {"op":"select","points":["turbine::ActivePower","turbine::TheoreticalPower"]},
          {"op":"threshold","input":"turbine::ActivePower","threshold":"[0,3700]","interpolation":"lastValue","maxGap":"1h"},
          {"op":"expression","expression":"${turbine::ActivePower} / 1000","output":"turbine::P_MW"},
          {"op":"template","template":"time-window-aggregation","settings":{"window":"10m"},
           "policies":[{"input":"turbine::P_MW","aggregation":"avg","output":"turbine::P_MW_10M"}]}],
         "source":{"kafka":{"topic":"points","group":"g"}},"outputs":{"kafka":{"topic":"results","internal":false},"tsdb":{"points":["turbine::*"]},"state":true}}
        """,
        """
        {"id":"meter-energy","orgId":"o1","template":"energy-by-meter-reading",
         "settings":{"timeZone":"Asia/Kolkata","detailInterval":"15m"},
         "policies":[{"input":"inverter::TOTAL_YIELD","slope":"[0,2000]","dailyOutput":"inverter::ENERGY_DAY","detailOutput":"inverter::ENERGY_15M"}]}
        """,
        """
        {"id":"inverter-energy","orgId":"o1","template":"energy-by-instant-power",
         "settings":{"timeZone":"Asia/Kolkata","detailInterval":"15m","maxGap":"1h"},
         "policies":[{"input":"inverter::AC_POWER","threshold":"[0,1500]","interpolation":"lastValue","dailyOutput":"inverter::ENERGY_DAY","detailOutput":"inverter::ENERGY_15M"}]}
        """,
        """
        {"id":"plant-power","orgId":"o1","template":"asset-group-aggregation",
         "settings":{"groupBy":"parent","window":"15m","groupModel":"plant"},
         "policies":[{"input":"inverter::AC_POWER","threshold":"[0,2000]","memberAggregation":"avg","groupAggregation":"sum","output":"plant::AC_POWER_15M"}]}
        """,
        """
        {"id":"s","orgId":"o1","pipeline":[{"op":"script","script":"return ${m::x} * 2;","output":"m::y","trigger":"any"}]}
        """,
    ];

    private static readonly string[] Names =
    [
        "id", "orgId", "template", "settings", "policies", "pipeline", "op", "input", "output", "window", "slide", "aggregation",
        "threshold", "interpolation", "source", "kafka", "topic", "group", "outputs", "tsdb", "points", "script", "expression",
        "trigger", "timeZone", "detailInterval", "maxGap", "params", "", "\u0000", "__proto__", "id ",
    ];

    private static readonly string[] Strings =
    [
        "", " ", "o1", "m::x", "::", "m::", "::x", "10m", "0s", "1ms", "-1m", "99999999999d", "1.5h", "[0,1]", "(1,0)", "[a,b]",
        "[-inf,+inf]", "avg", "sum", "lastValue", "linear", "time-window-aggregation", "multi-point-merging", "script", "template",
        "Asia/Kolkata", "Mars/Olympus", "${m::x}", "${", "return ${m::x};", "return 1 +;", "System.IO.File.Delete(\"x\"); return 1;",
        "\ud800", "\uffff", "\u0000", new string('x', 5000), "${m::x} / 0", "while(true){}", "a\u0301",
    ];

    [Fact]
    public void ShouldEndEveryCaseInAJobOrAListOfProblems()
    {
        var random = new Random(20261204);
        var engine = EngineFactory.Create(TextWriter.Null);
        int valid = 0, refused = 0;
        var failures = new List<string>();
        for (var i = 0; i < Cases && failures.Count < 20; i++)
        {
            var json = Case(random, i);
            var problems = new ProblemList();
            CompiledJob? job;
            try
            {
                job = engine.Compile(json, problems);
            }
            catch (Exception ex)
            {
                failures.Add($"case {i} threw {ex.GetType().Name}: {ex.Message}\n{json[..Math.Min(json.Length, 2000)]}");
                continue;
            }

            if (job is not null)
            {
                if (!problems.IsEmpty)
                {
                    failures.Add($"case {i}: a job was compiled with problems: {string.Join("; ", problems.Items)}");
                }

                job.Dispose();
                valid++;
            }
            else if (problems.IsEmpty || problems.Items.Any(p => string.IsNullOrWhiteSpace(p.Message)))
            {
                failures.Add($"case {i}: no job, and no problem or one without a message: {string.Join("; ", problems.Items)}\n{json}");
            }
            else
            {
                refused++;
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        // The generator must reach both ends, or the test proves nothing about one of them.
        Assert.True(valid > Cases / 50, $"only {valid} cases were valid jobs");
        Assert.True(refused > Cases / 2, $"only {refused} cases were refused");
    }

    private static string Case(Random random, int i)
    {
        switch (i % 10)
        {
            case 0:
                return RandomNode(random, 0)?.ToJsonString() ?? "null";
            case 1:
                // Text mutations of a seed: truncations and bytes flipped into other characters.
                var text = Seeds[random.Next(Seeds.Length)];
                return random.Next(2) == 0 ? text[..random.Next(text.Length)] : Flip(random, text);
            default:
                var root = JsonNode.Parse(Seeds[random.Next(Seeds.Length)])!;
                // A few cases stay as written (valid), the others get one to four mutations.
                var mutations = i % 10 == 2 ? 0 : random.Next(1, 5);
                for (var m = 0; m < mutations; m++)
                {
                    Mutate(random, root);
                }

                return root.ToJsonString();
        }
    }

    private const string FlipChars = "{}[],:\"\\0-9a \u00e9";

    private static string Flip(Random random, string text)
    {
        var chars = text.ToCharArray();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            chars[random.Next(chars.Length)] = FlipChars[random.Next(FlipChars.Length)];
        }

        return new string(chars);
    }

    private static void Mutate(Random random, JsonNode root)
    {
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var target = nodes[random.Next(nodes.Count)];
        switch (random.Next(6))
        {
            case 0 when target.Parent is JsonObject parent:
                parent.Remove(target.GetPropertyName());
                break;
            case 1 when target.Parent is JsonObject parent:
                var name = target.GetPropertyName();
                parent.Remove(name);
                parent[Names[random.Next(Names.Length)] + (random.Next(4) == 0 ? "x" : "")] = target;
                break;
            case 2 when target is JsonObject obj:
                obj[Names[random.Next(Names.Length)]] = RandomNode(random, 0);
                break;
            case 3 when target is JsonArray array:
                array.Add(random.Next(2) == 0 ? RandomNode(random, 0) : array.Count > 0 ? array[random.Next(array.Count)]!.DeepClone() : null);
                break;
            case 4:
                Replace(target, Deep(random.Next(1, 200)));
                break;
            default:
                Replace(target, RandomNode(random, 0));
                break;
        }
    }

    private static void Replace(JsonNode target, JsonNode? value)
    {
        switch (target.Parent)
        {
            case JsonObject parent:
                parent[target.GetPropertyName()] = value;
                break;
            case JsonArray array:
                array[array.IndexOf(target)] = value;
                break;
        }
    }

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        if (node.Parent is not null)
        {
            nodes.Add(node);
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    if (child is not null)
                    {
                        Collect(child, nodes);
                    }
                }

                if (node.Parent is null && nodes.Count == 0)
                {
                    nodes.Add(node);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        Collect(child, nodes);
                    }
                }

                break;
        }

        if (nodes.Count == 0)
        {
            nodes.Add(node);
        }
    }

    private static JsonNode Deep(int depth)
    {
        JsonNode node = JsonValue.Create("m::x");
        for (var d = 0; d < depth; d++)
        {
            node = d % 2 == 0 ? new JsonArray(node) : new JsonObject { ["input"] = node };
        }

        return node;
    }

    private static JsonNode? RandomNode(Random random, int depth) => random.Next(depth > 3 ? 8 : 11) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.Next(-3, 5)),
        3 => JsonValue.Create(new[] { double.MaxValue, double.Epsilon, -0.0, 1e308, 0.5, 1e-300 }[random.Next(6)]),
        4 => JsonValue.Create(long.MaxValue),
        5 or 6 or 7 => JsonValue.Create(Strings[random.Next(Strings.Length)]),
        8 => new JsonArray([.. Enumerable.Range(0, random.Next(4)).Select(_ => RandomNode(random, depth + 1))]),
        _ => RandomObject(random, depth),
    };

    private static JsonObject RandomObject(Random random, int depth)
    {
        var obj = new JsonObject();
        for (var n = random.Next(5); n > 0; n--)
        {
            obj[Names[random.Next(Names.Length)]] = RandomNode(random, depth + 1);
        }

        return obj;
    }
}
