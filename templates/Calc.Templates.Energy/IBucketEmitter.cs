using Calc.Sdk;

namespace Calc.Templates.Energy;

/// <summary>Writes the output of one bucket of one asset.</summary>
internal interface IBucketEmitter
{
    void EmitBucket(AssetEnergy asset, string pointId, long start, double value, CalMode mode);
}
