using Calc.Sdk;
using static Calc.Templates.Groups.Tests.Groups;

namespace Calc.Templates.Groups.Tests;

/// <summary>Several policies with different inputs keep their members and groups apart, whatever order their records come in.</summary>
public sealed class GroupPoliciesTests
{
    private const string TwoPolicies =
        "{\"input\":\"inverter::P\",\"memberAggregation\":\"last\",\"groupAggregation\":\"sum\",\"output\":\"plant::P_SUM\"},"
        + "{\"input\":\"inverter::Q\",\"memberAggregation\":\"last\",\"groupAggregation\":\"sum\",\"output\":\"plant::Q_SUM\"}";

    [Fact]
    public void ShouldGiveARecordOfTheSecondPolicyToItsOwnMemberAfterTheAssetsWatermarkMoved()
    {
        // INV01's last Q record moves its watermark first (each of INV01's members is told, the Q member last),
        // then goes to the Q policy: it must not be taken for INV01's member of the P policy (the record before).
        var driver = Driver("\"groupBy\":\"parent\",\"window\":\"10ms\"", TwoPolicies);
        driver.Send("inverter::P", "INV01", 0, 10);
        driver.Send("inverter::Q", "INV01", 1, 100);
        driver.Send("inverter::P", "INV01", 2, 11);
        driver.Send("inverter::Q", "INV01", 3, 101);
        driver.Send("inverter::P", "INV02", 0, 20);
        driver.Send("inverter::Q", "INV02", 1, 200);
        driver.EndOfInput();

        var last = new Dictionary<string, (double Value, long Members)>();
        foreach (var output in driver.Outputs)
        {
            Assert.Equal(0, output.Time);
            last[output.PointId] = (output.Value.Number, Members(output));
        }

        Assert.Equal((11.0 + 20.0, 2L), last["P_SUM"]);
        Assert.Equal((101.0 + 200.0, 2L), last["Q_SUM"]);
    }
}
