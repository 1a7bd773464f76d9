using System.Text.Json;
using Calc.Sdk;

namespace Calc.Templates.Groups;

/// <summary>
/// Checkpoint layout: <c>{"keys":{asset:key},"policies":[{"preprocess":…,"groups":[{org, key, max, dropped,
/// members:[{asset, wm, held, heldFrom, idle}], windows:[{start, end, emitted, frozen, leftOut, values:[{i, …}]}],
/// archive:[{start, end, totals, leftOut}]}]}]}</c>.
/// </summary>
internal sealed partial class GroupOperator : ICheckpointable
{
    public void WriteCheckpoint(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("keys");
        foreach (var (asset, key) in _keys)
        {
            if (key is not null)
            {
                writer.WriteString(asset, key);
            }
        }

        writer.WriteEndObject();
        writer.WriteStartArray("policies");
        for (var p = 0; p < policies.Count; p++)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("preprocess");
            _preprocessors[p].WriteCheckpoint(writer);
            writer.WriteStartArray("groups");
            foreach (var group in _groups[p].Values)
            {
                WriteGroup(writer, group);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public void RestoreCheckpoint(JsonElement state)
    {
        _keys.Clear();
        foreach (var key in state.GetProperty("keys").EnumerateObject())
        {
            _keys[key.Name] = key.Value.GetString();
        }

        var p = 0;
        foreach (var policy in state.GetProperty("policies").EnumerateArray())
        {
            if (p >= policies.Count)
            {
                break;
            }

            _preprocessors[p].RestoreCheckpoint(policy.GetProperty("preprocess"));
            _groups[p].Clear();
            _members[p].Clear();
            foreach (var json in policy.GetProperty("groups").EnumerateArray())
            {
                var group = ReadGroup(json, _members[p]);
                _groups[p][(group.OrgId, group.Key)] = group;
                Recount(group);
            }

            p++;
        }

        _current = null;
    }

    private static void WriteGroup(Utf8JsonWriter writer, Group group)
    {
        writer.WriteStartObject();
        writer.WriteString("org", group.OrgId);
        writer.WriteString("key", group.Key);
        writer.WriteNumber("max", group.MaxWatermark);
        writer.WriteNumber("dropped", group.DroppedBefore);
        writer.WriteStartArray("members");
        foreach (var m in group.Members)
        {
            writer.WriteStartObject();
            writer.WriteString("asset", m.AssetId);
            writer.WriteNumber("wm", m.Watermark);
            writer.WriteNumber("held", m.Held);
            writer.WriteNumber("heldFrom", m.HeldFrom);
            writer.WriteBoolean("idle", m.Idle);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("windows");
        foreach (var w in group.Windows)
        {
            writer.WriteStartObject();
            writer.WriteNumber("start", w.Start);
            writer.WriteNumber("end", w.End);
            writer.WriteBoolean("emitted", w.Emitted);
            WriteTotals(writer, "frozen", w.Frozen);
            WriteLeftOut(writer, w.LeftOut);
            writer.WriteStartArray("values");
            for (var i = 0; i < w.Values.Length; i++)
            {
                ref var v = ref w.Values[i];
                if (!v.HasValue)
                {
                    continue;
                }

                writer.WriteStartArray();
                writer.WriteNumberValue(i);
                writer.WriteNumberValue(v.Count);
                writer.WriteNumberValue(v.Sum);
                writer.WriteNumberValue(v.Min);
                writer.WriteNumberValue(v.Max);
                writer.WriteNumberValue(v.FirstTime);
                writer.WriteNumberValue(v.First);
                writer.WriteNumberValue(v.LastTime);
                writer.WriteNumberValue(v.Last);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("archive");
        foreach (var a in group.Archive)
        {
            writer.WriteStartObject();
            writer.WriteNumber("start", a.Start);
            writer.WriteNumber("end", a.End);
            WriteTotals(writer, "totals", a.Totals);
            WriteLeftOut(writer, group.ArchivedLeftOut.GetValueOrDefault(a.Start));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static Group ReadGroup(JsonElement json, Dictionary<string, Member> members)
    {
        var group = new Group(json.GetProperty("org").GetString()!, json.GetProperty("key").GetString()!)
        {
            MaxWatermark = json.GetProperty("max").GetInt64(),
            DroppedBefore = json.GetProperty("dropped").GetInt64(),
        };
        foreach (var m in json.GetProperty("members").EnumerateArray())
        {
            var member = new Member(m.GetProperty("asset").GetString()!, group, group.Members.Count)
            {
                Watermark = m.GetProperty("wm").GetInt64(),
                Held = m.GetProperty("held").GetInt32(),
                HeldFrom = m.GetProperty("heldFrom").GetInt64(),
                Idle = m.GetProperty("idle").GetBoolean(),
            };
            group.Members.Add(member);
            members[member.AssetId] = member;
        }

        foreach (var w in json.GetProperty("windows").EnumerateArray())
        {
            var window = new GroupWindow(w.GetProperty("start").GetInt64(), w.GetProperty("end").GetInt64(), group.Members.Count)
            {
                Emitted = w.GetProperty("emitted").GetBoolean(),
                Frozen = ReadTotals(w.GetProperty("frozen")),
                LeftOut = ReadLeftOut(w),
            };
            foreach (var v in w.GetProperty("values").EnumerateArray())
            {
                ref var value = ref window.Value(v[0].GetInt32());
                value.Count = v[1].GetInt64();
                value.Sum = v[2].GetDouble();
                value.Min = v[3].GetDouble();
                value.Max = v[4].GetDouble();
                value.FirstTime = v[5].GetInt64();
                value.First = v[6].GetDouble();
                value.LastTime = v[7].GetInt64();
                value.Last = v[8].GetDouble();
            }

            group.Windows.Add(window);
        }

        foreach (var a in json.GetProperty("archive").EnumerateArray())
        {
            var start = a.GetProperty("start").GetInt64();
            group.Archive.Add(new ArchivedWindow(start, a.GetProperty("end").GetInt64(), ReadTotals(a.GetProperty("totals"))));
            if (ReadLeftOut(a) is { } leftOut)
            {
                group.ArchivedLeftOut[start] = leftOut;
            }
        }

        return group;
    }

    private static void WriteTotals(Utf8JsonWriter writer, string name, in GroupTotals totals)
    {
        writer.WriteStartArray(name);
        writer.WriteNumberValue(totals.Members);
        writer.WriteNumberValue(totals.Sum);
        writer.WriteNumberValue(totals.Members == 0 ? 0 : totals.Min);
        writer.WriteNumberValue(totals.Members == 0 ? 0 : totals.Max);
        writer.WriteEndArray();
    }

    private static GroupTotals ReadTotals(JsonElement json) => new()
    {
        Members = json[0].GetInt32(),
        Sum = json[1].GetDouble(),
        Min = json[2].GetDouble(),
        Max = json[3].GetDouble(),
    };

    private static void WriteLeftOut(Utf8JsonWriter writer, HashSet<int>? leftOut)
    {
        if (leftOut is null)
        {
            return;
        }

        writer.WriteStartArray("leftOut");
        foreach (var index in leftOut)
        {
            writer.WriteNumberValue(index);
        }

        writer.WriteEndArray();
    }

    private static HashSet<int>? ReadLeftOut(JsonElement json)
    {
        if (!json.TryGetProperty("leftOut", out var leftOut))
        {
            return null;
        }

        var set = new HashSet<int>();
        foreach (var index in leftOut.EnumerateArray())
        {
            set.Add(index.GetInt32());
        }

        return set;
    }
}
