using System.Text.Json;
using Calc.Sdk;

namespace Calc.Host.Tests;

/// <summary>
/// One job and one real-data slice that give every kind of trace line the four surfaces must show: the
/// first hour of the wind fixture (its broken lines dropped) through a repairing threshold, a filtering
/// one, the hourly window, the day's energy from instant power and a rule, plus two records sent late
/// (an ActivePower of 00:30, too late for its closed hour, and a TheoreticalPower that is a string).
/// </summary>
internal static class TraceBattery
{
    public const string Job = """
        {"id":"battery","orgId":"o1","pipeline":[
          {"op":"threshold","input":"turbine::ActivePower","threshold":"[0,450]","interpolation":"lastValue","maxGap":"20m"},
          {"op":"threshold","input":"turbine::WindSpeed","threshold":"[0,5.5]"},
          {"op":"template","template":"time-window-aggregation","settings":{"window":"1h"},
           "policies":[{"input":"turbine::ActivePower","aggregation":"avg","output":"turbine::P_1H"}]},
          {"op":"template","template":"energy-by-instant-power","settings":{"maxGap":"1h"},
           "policies":[{"input":"turbine::ActivePower","dailyOutput":"turbine::ENERGY_DAY"}]},
          {"op":"expression","expression":"${turbine::TheoreticalPower} / 1000","output":"turbine::TP_MW"}]}
        """;

    /// <summary>The job reading <c>points</c> and writing <c>results</c>, for the served surfaces.</summary>
    public static readonly string KafkaJob = Job.TrimEnd()[..^1]
        + ""","source":{"kafka":{"topic":"points"}},"outputs":{"kafka":{"topic":"results","internal":false}}}""";

    private const string Late = """{"orgId":"o1","modelId":"turbine","assetId":"T1","pointId":"ActivePower","time":1514766600000,"value":400}""";
    private const string NotANumber = """{"orgId":"o1","modelId":"turbine","assetId":"T1","pointId":"TheoreticalPower","time":1514768400000,"value":"n/a"}""";

    /// <summary>ActivePower 00:00–01:00; 00:10's 453.7691956 is outside [0,450] and replaced by 00:00's value.</summary>
    private static readonly double[] Power = [380.0477905, 380.0477905, 306.3765869, 419.6459045, 380.6506958, 402.3919983, 447.6057129];

    /// <summary>The valid records of the slice (the fixture's 40 first lines hold 3 broken ones), then the two late ones.</summary>
    public static string[] Lines() =>
        [.. File.ReadLines(CliRunner.Fixture("wind-t1-2018-01-01..02.ndjson")).Take(40).Where(IsRecord), Late, NotANumber];

    public static int Records => Lines().Length;

    public const string Filtered = "trace 2018-01-01T00:10:00Z T1 turbine::WindSpeed=5.672166824  #1 threshold  filtered  filtered.threshold: 5.672166824 outside [0,5.5]";
    public const string Repaired = "trace 2018-01-01T00:10:00Z T1 turbine::ActivePower=453.7691956  #0 threshold  repaired  repaired.lastValue: 453.7691956 outside [0,450]; replaced by 380.0477905 of 2018-01-01T00:00:00Z";
    public const string LateLine = "trace 2018-01-01T00:30:00Z T1 turbine::ActivePower=400  #0 threshold  late  older than the watermark, taken";
    public const string TooLate = "trace 2018-01-01T00:30:00Z T1 turbine::ActivePower=400  #2 time-window-aggregation  tooLate  tooLate";
    public const string RuleError = "trace 2018-01-01T01:00:00Z T1 turbine::TheoreticalPower=n/a  #4 expression  error  rule policies[0] (turbine::TP_MW): line 1, column 1: 'turbine::TheoreticalPower' (in ${turbine::TheoreticalPower} / 1000): expected a number, got the string \"n/a\"";

    /// <summary>The hour closes when 01:00 arrives: the average of its six values (the repaired one counts).</summary>
    public static string WindowClose =>
        $"trace 2018-01-01T01:00:00Z T1 turbine::ActivePower=447.6057129  #2 time-window-aggregation  output  turbine::P_1H @ 2018-01-01T00:00:00Z = {Number(Power[..6].Sum() / 6)} (OnTime)";

    /// <summary>The last 10-minute span of the hour, (402.3919983 + 447.6057129) / 2 × 1/6 h.</summary>
    public static string EnergySpan =>
        $"trace 2018-01-01T01:00:00Z T1 turbine::ActivePower=447.6057129  #3 energy-by-instant-power  state  included {Number((Power[5] + Power[6]) / 2 * (10 / 60.0))} for (2018-01-01T00:50:00Z, 2018-01-01T01:00:00Z]: (402.3919983 + 447.6057129) / 2 × 0.16666666666666666 h";

    /// <summary>The day's bucket after six spans: the trapezoids of 00:00–01:00 added up.</summary>
    public static string EnergyBucket
    {
        get
        {
            var day = 0.0;
            for (var i = 1; i < Power.Length; i++)
            {
                day += (Power[i - 1] + Power[i]) / 2 * (10 / 60.0);
            }

            return $"trace 2018-01-01T01:00:00Z T1 turbine::ActivePower=447.6057129  #3 energy-by-instant-power  output  turbine::ENERGY_DAY @ 2018-01-01T00:00:00Z = {Number(day)} (Early)";
        }
    }

    /// <summary>Every kind, in the order the records are processed.</summary>
    public static string[] Expected => [Repaired, Filtered, WindowClose, EnergySpan, EnergyBucket, LateLine, TooLate, RuleError];

    /// <summary>The row <c>calc run --trace</c> prints, rebuilt from a JSON trace line.</summary>
    public static string Row(JsonElement e)
    {
        var detail = e.GetProperty("detail").GetString();
        return $"trace {e.GetProperty("at").GetString()} {e.GetProperty("assetId").GetString()} {e.GetProperty("point").GetString()}={e.GetProperty("value").GetString()}"
            + $"  #{e.GetProperty("step").GetInt32()} {e.GetProperty("operator").GetString()}  {e.GetProperty("kind").GetString()}"
            + (string.IsNullOrEmpty(detail) ? "" : "  " + detail);
    }

    /// <summary>Asserts that <paramref name="rows"/> holds every expected row, in order (other rows may come between).</summary>
    public static void AssertHasEveryKind(IReadOnlyList<string> rows)
    {
        var at = 0;
        foreach (var expected in Expected)
        {
            var found = -1;
            for (var i = at; i < rows.Count; i++)
            {
                if (rows[i] == expected)
                {
                    found = i;
                    break;
                }
            }

            Assert.True(found >= 0, $"missing, or out of order: {expected}\nin:\n{string.Join('\n', rows)}");
            at = found + 1;
        }
    }

    private static string Number(double value) => PointValue.FromNumber(value).ToString();

    private static bool IsRecord(string line) =>
        line.StartsWith('{') && line.Contains("\"assetId\"", StringComparison.Ordinal) && !line.Contains("NaN", StringComparison.Ordinal);
}
