using System.Globalization;
using System.Runtime.CompilerServices;
using Calc.Engine.State.Internal;

namespace Calc.Engine.State.Tests;

public sealed class AssetLatestTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(40)]
    public void Should_KeepOneSlotPerPoint_InAnyOrder_BelowAndAboveTheScanLimit(int points)
    {
        var asset = new AssetLatest("o1", "A1");
        var ids = Enumerable.Range(0, points).Select(i => "P" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        foreach (var id in ids)
        {
            asset.GetOrAdd(id, out var existed).Time = int.Parse(id[1..], CultureInfo.InvariantCulture);
            Assert.False(existed);
        }

        // Same order (the slot after the last one), reversed, and with fresh string instances (compared by value).
        foreach (var id in ids.Concat(ids.Reverse()).Concat(ids.Select(i => new string(i.AsSpan()))))
        {
            Assert.Equal(int.Parse(id[1..], CultureInfo.InvariantCulture), asset.GetOrAdd(id, out var existed).Time);
            Assert.True(existed);
            Assert.Equal(int.Parse(id[1..], CultureInfo.InvariantCulture), asset.Find(id).Time);
        }

        Assert.True(Unsafe.IsNullRef(ref asset.Find("unknown")));
        asset.GetOrAdd("late", out var added).Time = -1;
        Assert.False(added);
        Assert.Equal(-1, asset.Find("late").Time);
        Assert.Equal(ids.Length - 1, asset.Find(ids[^1]).Time);
    }
}
