using System.Text.Json;

namespace Calc.Templates.Energy;

internal sealed partial class PowerOperator
{
    protected override void WritePolicyState(Utf8JsonWriter writer, int policy)
    {
        writer.WritePropertyName("preprocess");
        _preprocessors[policy].WriteCheckpoint(writer);
    }

    protected override void RestorePolicyState(JsonElement json, int policy) =>
        _preprocessors[policy].RestoreCheckpoint(json.GetProperty("preprocess"));
}
