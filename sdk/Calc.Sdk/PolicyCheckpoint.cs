using System.Text.Json;

namespace Calc.Sdk;

/// <summary>
/// The checkpoint layout most templates share: <c>{"policies":[{…policy state…,"assets":[…]}, …]}</c>,
/// one entry per policy in order, each with the policy's own state (for example its preprocessor) and
/// one object per asset. Templates supply how a policy's state and an asset are written and read.
/// </summary>
public static class PolicyCheckpoint
{
    /// <summary>Writes the layout for <paramref name="policies"/> policies.</summary>
    /// <param name="writer">Where the checkpoint goes.</param>
    /// <param name="policies">How many policies the operator has.</param>
    /// <param name="writePolicyState">Writes a policy's own properties (inside its object), or nothing.</param>
    /// <param name="writeAssets">Writes a policy's assets, one JSON object each, into the open <c>assets</c> array.</param>
    public static void Write(Utf8JsonWriter writer, int policies, Action<Utf8JsonWriter, int> writePolicyState, Action<Utf8JsonWriter, int> writeAssets)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(writePolicyState);
        ArgumentNullException.ThrowIfNull(writeAssets);
        writer.WriteStartObject();
        writer.WriteStartArray("policies");
        for (var p = 0; p < policies; p++)
        {
            writer.WriteStartObject();
            writePolicyState(writer, p);
            writer.WriteStartArray("assets");
            writeAssets(writer, p);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Reads the layout back; policies beyond <paramref name="policies"/> (a job changed since) are ignored.</summary>
    /// <param name="state">The checkpoint written by <see cref="Write"/>.</param>
    /// <param name="policies">How many policies the operator has now.</param>
    /// <param name="restorePolicy">Restores a policy from its object: its own state, and clears its assets.</param>
    /// <param name="restoreAsset">Restores one asset object of a policy.</param>
    public static void Restore(JsonElement state, int policies, Action<JsonElement, int> restorePolicy, Action<JsonElement, int> restoreAsset)
    {
        ArgumentNullException.ThrowIfNull(restorePolicy);
        ArgumentNullException.ThrowIfNull(restoreAsset);
        var p = 0;
        foreach (var policy in state.GetProperty("policies").EnumerateArray())
        {
            if (p >= policies)
            {
                break;
            }

            restorePolicy(policy, p);
            foreach (var asset in policy.GetProperty("assets").EnumerateArray())
            {
                restoreAsset(asset, p);
            }

            p++;
        }
    }
}
