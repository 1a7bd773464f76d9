using Calc.Sdk;

namespace Calc.Templates.Merging;

/// <summary>Frequency trigger: every period of the wall clock, each asset with data is evaluated from its latest values.</summary>
internal sealed class FrequencyMergingOperator(IReadOnlyList<MergePolicy> policies, SlotKey[] slots, long frequencyMs)
    : MergingOperatorBase(policies, slots), ITimerDriven
{
    public long TimerPeriodMs => frequencyMs;

    public override void Process(in PointRecord record) => Remember(in record, out _);

    public void OnTimer(long nowMs)
    {
        var time = nowMs / frequencyMs * frequencyMs;
        var none = PointValue.Null;
        foreach (var cache in Caches.All)
        {
            for (var p = 0; p < Policies.Count; p++)
            {
                Evaluate(p, cache, time, -1, in none, null);
            }
        }
    }
}
