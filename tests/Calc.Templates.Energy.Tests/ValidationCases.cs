namespace Calc.Templates.Energy.Tests;

/// <summary>Invalid configurations: template, config (single quotes), the exact problem paths expected.</summary>
public sealed class ValidationCases : TheoryData<string, string, string>
{
    private const string Meter = "energy-by-meter-reading";
    private const string Instant = "energy-by-instant-power";
    private const string Average = "energy-by-average-power";

    public ValidationCases()
    {
        Add(Meter, "{'settings':{},'policies':[{'input':'meter::E','detailOutput':'meter::E_15M'}]}", "policies[0].detailOutput");
        Add(Instant, "{'settings':{},'policies':[{'input':'inv::P','dailyOutput':'inv::D','detailOutput':'inv::E_15M'}]}", "policies[0].detailOutput");
        Add(Meter, "{'settings':{'timeZone':'Mars/Olympus'},'policies':[{'input':'meter::E','dailyOutput':'meter::D'}]}", "settings.timeZone");
        Add(Meter, "{'settings':{'attribution':'start'},'policies':[{'input':'meter::E','dailyOutput':'meter::D'}]}", "settings.attribution");
        Add(Meter, "{'settings':{'detailInterval':'1d'},'policies':[{'input':'meter::E','dailyOutput':'meter::D'}]}", "settings.detailInterval");
        Add(Meter, "{'settings':{'detailInterval':'fast'},'policies':[{'input':'meter::E','dailyOutput':'meter::D'}]}", "settings.detailInterval");
        Add(Meter, "{'settings':{},'policies':[{'input':'meter::E','dailyOutput':'meter::D','slope':'0..5000'}]}", "policies[0].slope");
        Add(Meter, "{'settings':{},'policies':[{'input':'meter::E','dailyOutput':'meter::D','slope':{'attr':'x'}}]}", "policies[0].slope");
        Add(Meter, "{'settings':{},'policies':[{'input':'meter::E','dailyOutput':'meter::D','scale':'2'}]}", "policies[0].scale");
        Add(Meter, "{'settings':{},'policies':[{'input':'meter::E'}]}", "policies[0]");
        Add(Meter, "{'settings':{},'policies':[{'dailyOutput':'meter::D'}]}", "policies[0].input");
        Add(Meter, "{'settings':{},'policies':[{'input':'meter::E','dailyOutput':'other::D'}]}", "policies[0].dailyOutput");
        Add(Meter, "{'settings':{},'policies':[]}", "policies");
        // Two policies writing one output point (daily of one, detail of the other counts too).
        Add(Meter, "{'settings':{},'policies':[{'input':'meter::E','dailyOutput':'meter::D'},{'input':'meter::F','dailyOutput':'meter::D'}]}", "policies[1].dailyOutput");
        Add(Meter, "{'settings':{'detailInterval':'15m'},'policies':[{'input':'meter::E','detailOutput':'meter::X'},{'input':'meter::F','dailyOutput':'meter::X'}]}", "policies[1].dailyOutput");
        Add(Instant, "{'settings':{'maxGap':'0s'},'policies':[{'input':'inv::P','dailyOutput':'inv::D'}]}", "settings.maxGap");
        Add(Instant, "{'settings':{},'policies':[{'input':'inv::P','dailyOutput':'inv::D','interpolation':'linear'}]}", "policies[0].interpolation");
        Add(Average, "{'settings':{},'policies':[{'input':'inv::P','dailyOutput':'inv::D','threshold':'[5,1]'}]}", "policies[0].threshold");

        // Every problem at once, each with its path.
        Add(Average, "{'settings':{'timeZone':'Nowhere','maxGap':'soon'},'policies':[{'input':'inv::P','detailOutput':'inv::E','scale':[1]},{'input':'P'}]}",
            "settings.timeZone, settings.maxGap, policies[0].detailOutput, policies[0].scale, policies[1], policies[1].input");
    }
}
