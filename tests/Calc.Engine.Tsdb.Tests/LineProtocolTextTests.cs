using Calc.Sdk;
using static Calc.Engine.Tsdb.Tests.Points;

namespace Calc.Engine.Tsdb.Tests;

public sealed class LineProtocolTextTests
{
    private static LineProtocolWriter Writer(Action<LineProtocolOptions>? configure = null)
    {
        var options = new LineProtocolOptions();
        configure?.Invoke(options);
        return new LineProtocolWriter(options, new RecordingHandler());
    }

    [Fact]
    public void ShouldWriteModelAsMeasurementPointAsFieldAndOrgAssetSiteAsTags()
    {
        using var writer = Writer();

        var text = writer.FormatLines(
        [
            Number("INV01", "ENERGY_DAY", T0, 22.98),
            Number("INV02", "AC_POWER", T0 + 1, -5, attr: """{"siteId":"plant1","other":{"x":1}}"""),
            Number("INV03", "AC_POWER", T0 + 2, 1e-7, attr: """{"siteId":""}"""),
        ]);

        Assert.Equal("""
            inverter,asset=INV01,org=o1 ENERGY_DAY=22.98 1589500800000
            inverter,asset=INV02,org=o1,site=plant1 AC_POWER=-5 1589500800001
            inverter,asset=INV03,org=o1 AC_POWER=1E-07 1589500800002

            """, text);
    }

    [Fact]
    public void ShouldEscapeCommasSpacesEqualsAndBackslashes()
    {
        using var writer = Writer();

        var text = writer.FormatLines([Number(@"A\B C", "f=x,y z", 5, 1, model: "in,v x=1", org: "o,1 a=b", attr: """{"siteId":"s 1"}""")]);

        Assert.Equal("in\\,v\\ x=1,asset=A\\\\B\\ C,org=o\\,1\\ a\\=b,site=s\\ 1 f\\=x\\,y\\ z=1 5\n", text);
    }

    [Fact]
    public void ShouldWriteBooleansAsOneAndZeroAndLeaveOutStringsAndNulls()
    {
        using var writer = Writer();
        PointRecord[] batch =
        [
            Make("A", "ON", T0, PointValue.FromBool(true)),
            Make("A", "OFF", T0, PointValue.FromBool(false)),
            Make("A", "STATE", T0, PointValue.FromString("online")),
            Make("A", "NOTHING", T0, PointValue.Null),
        ];

        var text = writer.FormatLines(batch);

        Assert.Equal("inverter,asset=A,org=o1 ON=1 1589500800000\ninverter,asset=A,org=o1 OFF=0 1589500800000\n", text);
    }

    [Fact]
    public void ShouldCoalesceReEmissionsOfTheSameSeriesAndTimeKeepingTheLast()
    {
        using var writer = Writer();

        var text = writer.FormatLines(
        [
            Number("A", "E", T0, 1, mode: CalMode.Final),
            Number("B", "E", T0, 5),
            Number("A", "E", T0 + 1, 2),
            Number("A", "E", T0, 3, mode: CalMode.Late),
            Number("A", "E", T0, 4, org: "o2"),
        ]);

        Assert.Equal("""
            inverter,asset=A,org=o1 E=3 1589500800000
            inverter,asset=B,org=o1 E=5 1589500800000
            inverter,asset=A,org=o1 E=2 1589500800001
            inverter,asset=A,org=o2 E=4 1589500800000

            """, text);
    }

    [Fact]
    public void ShouldHoldProvisionalRecordsUntilTheirSeriesMovesOn()
    {
        using var writer = Writer();

        // Once, early/onTime records were left out, so a window emitted only onTime never reached the database.
        // Now each is held until its series has a later time (then it cannot change) and written after the batch's own.
        var text = writer.FormatLines(
        [
            Number("A", "E", 1, 1, mode: CalMode.Early),
            Number("A", "E", 2, 2, mode: CalMode.OnTime),
            Number("A", "E", 3, 3, mode: CalMode.Final),
            Number("A", "E", 4, 4, mode: CalMode.Late),
            Number("A", "E", 5, 5),
            Number("A", "E", 6, 6, attr: """{"calMode":"early"}"""),
            Number("A", "E", 7, 7, attr: """{"calMode":"final"}"""),
            Number("A", "E", 8, 8, mode: CalMode.OnTime),
        ]);

        Assert.Equal("""
            inverter,asset=A,org=o1 E=3 3
            inverter,asset=A,org=o1 E=4 4
            inverter,asset=A,org=o1 E=5 5
            inverter,asset=A,org=o1 E=7 7
            inverter,asset=A,org=o1 E=1 1
            inverter,asset=A,org=o1 E=2 2
            inverter,asset=A,org=o1 E=6 6

            """, text);
    }

    [Fact]
    public void ShouldWriteProvisionalRecordsWhenConfigured()
    {
        using var writer = Writer(o => o.WriteProvisional = true);

        var text = writer.FormatLines([Number("A", "E", 1, 1, mode: CalMode.Early), Number("A", "E", 2, 2, mode: CalMode.OnTime)]);

        Assert.Equal("inverter,asset=A,org=o1 E=1 1\ninverter,asset=A,org=o1 E=2 2\n", text);
    }

    [Fact]
    public void ShouldApplyTheStoragePolicy()
    {
        using var writer = Writer(o => o.Storage = TsdbStorageOptions.Of("*::ENERGY_*"));

        var text = writer.FormatLines([Number("A", "ENERGY_DAY", 1, 1), Number("A", "AC_POWER", 1, 2), Number("M", "ENERGY_15M", 1, 3, model: "meter")]);

        Assert.Equal("inverter,asset=A,org=o1 ENERGY_DAY=1 1\nmeter,asset=M,org=o1 ENERGY_15M=3 1\n", text);
    }

    [Fact]
    public void ShouldLeaveOutIdsWithLineBreaks()
    {
        using var writer = Writer();

        var text = writer.FormatLines([Number("A\nB", "E", 1, 1), Number("A", "E", 1, 2, attr: """{"siteId":"x\ny"}"""), Number("A", "E", 2, 3)]);

        Assert.Equal("inverter,asset=A,org=o1 E=3 2\n", text);
    }
}
