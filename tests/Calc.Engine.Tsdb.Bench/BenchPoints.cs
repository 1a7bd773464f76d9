using Calc.Sdk;

namespace Calc.Engine.Tsdb.Bench;

/// <summary>
/// The measured points: assets × times of one output point, shaped as the writer gets them from the
/// Kafka output topic (calMode and siteId only in <c>attr</c>).
/// </summary>
internal static class BenchPoints
{
    public const long T0 = 1_589_500_800_000;

    public static PointRecord[] Make(int assets, int times, string model)
    {
        var attr = PointAttributes.Parse("""{"siteId":"plant1","calMode":"final"}""");
        var records = new PointRecord[assets * times];
        var assetIds = Enumerable.Range(0, assets).Select(a => $"INV{a:0000}").ToArray();
        var i = 0;
        for (var t = 0; t < times; t++)
        {
            for (var a = 0; a < assets; a++)
            {
                records[i++] = new PointRecord
                {
                    OrgId = "o1",
                    ModelId = model,
                    AssetId = assetIds[a],
                    PointId = "ENERGY_15M",
                    Time = T0 + (t * 900_000L),
                    Value = PointValue.FromNumber((a * 0.5) + (t * 0.001)),
                    Attr = attr,
                };
            }
        }

        return records;
    }

    public static IEnumerable<PointRecord[]> Batches(PointRecord[] records, int size)
    {
        for (var start = 0; start < records.Length; start += size)
        {
            yield return records[start..Math.Min(records.Length, start + size)];
        }
    }
}
