using Calc.Sdk;

namespace Calc.Templates.Merging;

/// <summary>Frequency trigger: every period of the wall clock, each asset with data is evaluated from its latest values.</summary>
internal sealed class FrequencyMergingOperator(IReadOnlyList<MergePolicy> policies, SlotKey[] slots, long frequencyMs)
    : MergingOperatorBase(policies, slots), ITimerDriven
{
    private readonly List<AssetCache> _due = [];

    public long TimerPeriodMs => frequencyMs;

    public override void Process(in PointRecord record) => Remember(in record, out _);

    public void OnTimer(long nowMs)
    {
        var time = nowMs / frequencyMs * frequencyMs;
        var none = PointValue.Null;
        Caches.CopyTo(_due);
        foreach (var cache in _due)
        {
            if (!cache.FromRecords)
            {
                continue; // only read as a relative so far: an asset is evaluated once it sends data
            }

            for (var p = 0; p < Policies.Count; p++)
            {
                Evaluate(p, cache, time, -1, in none, null);
            }
        }
    }
}
