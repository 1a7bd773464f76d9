using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Calc.Host.Tests;

/// <summary>
/// <c>calc run</c> on real data: the summary counts each input record once (read = processed + filtered +
/// rejected, the filtered ones by reason), whatever the job's shape; per-policy counters are shown apart.
/// </summary>
public sealed partial class RunRecordCountTests
{
    private const int LateCopies = 30;

    public static TheoryData<string, string> Shapes => new()
    {
        {
            "three policies on one point",
            """
            {"id":"w","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1h","latency":"20m"},"policies":[
              {"input":"turbine::ActivePower","aggregation":"avg","output":"turbine::P_AVG"},
              {"input":"turbine::ActivePower","aggregation":"max","output":"turbine::P_MAX"},
              {"input":"turbine::ActivePower","threshold":"[0,3700]","interpolation":"linear","maxGap":"30m","aggregation":"count","output":"turbine::P_N"},
              {"input":"turbine::WindSpeed","threshold":"[3,+inf)","aggregation":"avg","output":"turbine::WS_AVG"}]}
            """
        },
        {
            "pipeline",
            """
            {"id":"p","orgId":"o1","pipeline":[
              {"op":"select","points":["turbine::ActivePower","turbine::WindSpeed"]},
              {"op":"threshold","input":"turbine::ActivePower","threshold":"(0,3700]","interpolation":"linear","maxGap":"40m"},
              {"op":"expression","expression":"${turbine::ActivePower} / 1000","output":"turbine::P_MW"},
              {"op":"template","template":"time-window-aggregation","settings":{"window":"1h"},
               "policies":[{"input":"turbine::P_MW","aggregation":"avg","output":"turbine::P_MW_1H"},
                           {"input":"turbine::WindSpeed","aggregation":"max","output":"turbine::WS_MAX_1H"}]},
              {"op":"template","template":"time-window-aggregation","settings":{"window":"1d"},
               "policies":[{"input":"turbine::P_MW_1H","aggregation":"sum","output":"turbine::P_MW_1D"}]}]}
            """
        },
        {
            "merging",
            """
            {"id":"m","orgId":"o1","template":"multi-point-merging","settings":{"trigger":"point"},"policies":[
              {"output":"turbine::RATIO","expression":"${turbine::ActivePower} / ${turbine::TheoreticalPower}","triggerPoint":"turbine::ActivePower"},
              {"output":"turbine::WS2","expression":"${turbine::WindSpeed} * 2"}]}
            """
        },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ShouldCountEveryRecordOnce(string shape, string jobJson)
    {
        var dir = CliRunner.TempDir();
        var job = Path.Combine(dir, "job.json");
        File.WriteAllText(job, jobJson);
        var input = LateInput(dir);

        var (exit, _, error) = CliRunner.Run("run", job, "--input", input, "--output", Path.Combine(dir, "out.ndjson"));

        Assert.True(exit == 0, shape + ": " + error);
        var summary = Summary.Parse(error);
        Assert.Equal(File.ReadLines(input).Count(l => l.Trim().Length > 0), summary.Read);
        Assert.Equal(3, summary.Rejected);
        Assert.Equal(summary.FilteredBy.Values.Sum(), summary.Filtered);
        Assert.Equal(summary.Read, summary.Processed + summary.Filtered + summary.Rejected);
        Assert.True(summary.Filtered <= summary.Read - summary.Rejected, shape);
    }

    [Fact]
    public void ShouldCountALateRecordOnceThoughThreePoliciesLeaveItOut()
    {
        var dir = CliRunner.TempDir();
        var job = Path.Combine(dir, "job.json");
        File.WriteAllText(job, Shapes.First()[1].ToString());
        var input = LateInput(dir);

        var (exit, _, error) = CliRunner.Run("run", job, "--input", input, "--output", Path.Combine(dir, "out.ndjson"));

        Assert.True(exit == 0, error);
        var summary = Summary.Parse(error);
        var lateCopies = File.ReadLines(input).TakeLast(LateCopies).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var latePower = lateCopies.Count(r => r.GetProperty("pointId").GetString() == "ActivePower");
        var lateWind = lateCopies.Count(r => r.GetProperty("pointId").GetString() == "WindSpeed" && r.GetProperty("value").GetDouble() >= 3);

        // Every late copy of a power reading is left out by all three power policies: counted once as a record.
        Assert.Equal(latePower + lateWind, summary.FilteredBy["tooLate"]);
        Assert.True(summary.PerPolicy["tooLate"] >= (2 * latePower) + lateWind, error);
        Assert.Contains("per policy", error, StringComparison.Ordinal);
    }

    /// <summary>The real fixture, then copies of its first records: late by two days (and three rejected lines inside).</summary>
    private static string LateInput(string dir)
    {
        var lines = File.ReadAllLines(CliRunner.Fixture("wind-t1-2018-01-01..02.ndjson"));
        var path = Path.Combine(dir, "late.ndjson");
        File.WriteAllLines(path, lines.Concat(lines.Where(IsGoodRecord).Take(LateCopies)));
        return path;
    }

    private static bool IsGoodRecord(string line)
    {
        try
        {
            var record = JsonDocument.Parse(line).RootElement;
            return record.TryGetProperty("assetId", out _) && record.GetProperty("value").ValueKind == JsonValueKind.Number;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    internal sealed record Summary(long Read, long Processed, long Rejected, long Filtered, Dictionary<string, long> FilteredBy, Dictionary<string, long> PerPolicy)
    {
        public static Summary Parse(string error)
        {
            var lines = error.Replace("\r", "", StringComparison.Ordinal).Split('\n');
            long Field(string name) => long.Parse(lines.Single(l => l.StartsWith("  " + name + " ", StringComparison.Ordinal))[(name.Length + 2)..].Trim().Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            var filteredBy = new Dictionary<string, long>();
            var perPolicy = new Dictionary<string, long>();
            Dictionary<string, long>? section = null;
            foreach (var line in lines)
            {
                if (line.StartsWith("  filtered ", StringComparison.Ordinal))
                {
                    section = filteredBy;
                }
                else if (line.StartsWith("  per policy", StringComparison.Ordinal))
                {
                    section = perPolicy;
                }
                else if (line.StartsWith("    ", StringComparison.Ordinal) && section is not null && Counter().Match(line) is { Success: true } m)
                {
                    section[m.Groups[1].Value] = long.Parse(m.Groups[2].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                }
                else if (!line.StartsWith("    ", StringComparison.Ordinal))
                {
                    section = null;
                }
            }

            return new Summary(Field("records read"), Field("processed"), Field("rejected"), Field("filtered"), filteredBy, perPolicy);
        }
    }

    [GeneratedRegex(@"^\s+(\S+)\s+([\d,]+)$")]
    private static partial Regex Counter();
}
