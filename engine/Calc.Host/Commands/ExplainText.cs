using Calc.Engine.Explaining;
using Calc.Engine.Tracing;

namespace Calc.Host.Commands;

/// <summary><c>calc explain</c>'s readable answer: the findings, the values written, and the trace lines that matter.</summary>
internal static class ExplainText
{
    private const int ShownValues = 8;

    public static void Write(TextWriter output, Explanation e, bool colour)
    {
        output.WriteLine($"calc explain: {e.Query.Point.ToString()} of {e.Query.AssetId} at {TraceJson.Iso(e.Query.Time)} (job '{e.JobId}')");
        foreach (var finding in e.Findings)
        {
            output.WriteLine("  " + finding);
        }

        if (e.Values.Count > 1)
        {
            output.WriteLine("values written, in order:");
            for (var i = 0; i < e.Values.Count; i++)
            {
                // A day written at every reading: the first ones and the last ones, the rest counted (--json has them all).
                if (e.Values.Count > ShownValues + 1 && i == ShownValues - 3)
                {
                    output.WriteLine($"  … {e.Values.Count - ShownValues} more (--json lists every one)");
                    i = e.Values.Count - 3;
                }

                var value = e.Values[i];
                output.WriteLine($"  {value.Value} ({value.CalMode})  by {value.Cause}");
            }
        }

        if (e.Lines.Count > 0)
        {
            output.WriteLine("what the steps did with these records (lines other than 'passed'):");
            // Lines that repeat the one before (a meter standing still overnight) are counted, not repeated.
            for (var i = 0; i < e.Lines.Count; i++)
            {
                output.WriteLine("  " + TraceOutput.Row(e.Lines[i], colour));
                var same = i;
                while (same + 1 < e.Lines.Count && Repeats(e.Lines[same + 1], e.Lines[i]))
                {
                    same++;
                }

                if (same > i)
                {
                    output.WriteLine($"  … {same - i} more like it, the last at {TraceJson.Iso(e.Lines[same].Time)}");
                    i = same;
                }
            }

            if (e.LinesLeftOut > 0)
            {
                output.WriteLine($"  … and {e.LinesLeftOut:N0} more lines: calc run --trace {e.Query.AssetId} --trace-out FILE writes them all");
            }
        }
    }

    private static bool Repeats(TraceEvent line, TraceEvent first) =>
        line.Step == first.Step && line.Kind == first.Kind && line.Point == first.Point && line.Detail == first.Detail;
}
