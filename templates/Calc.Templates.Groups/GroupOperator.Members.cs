using System.Text;
using Calc.Sdk;

namespace Calc.Templates.Groups;

/// <summary>Emitting group windows and resolving members and their group keys.</summary>
internal sealed partial class GroupOperator
{
    private void Emit(Group group, GroupWindow window, CalMode mode)
    {
        var policy = policies[_policy];
        var totals = window.Totals(policy.Member);
        window.Emitted = true;
        if (totals.Members == 0)
        {
            return;
        }

        _context.Emit(new PointRecord
        {
            OrgId = group.OrgId,
            ModelId = settings.GroupModel,
            AssetId = group.Key,
            PointId = policy.Output.PointId,
            Time = window.Start,
            Value = PointValue.FromNumber(totals.Result(policy.Group)),
            Attr = MembersAttr(totals.Members),
            CalMode = mode,
        });
    }

    private PointAttributes MembersAttr(int members)
    {
        while (_membersAttr.Count <= members)
        {
            _membersAttr.Add(PointAttributes.FromUtf8(Encoding.UTF8.GetBytes("{\"members\":" + _membersAttr.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}")));
        }

        return _membersAttr[members];
    }

    private Member MemberOf(int policy, in PointRecord record, string key)
    {
        var members = _members[policy];
        // The member of the record before, if it is this asset's member of this policy (_policy alone may have been moved by OnWatermark).
        if (_current is { } c && _currentPolicy == policy && ReferenceEquals(c.AssetId, record.AssetId))
        {
            return c;
        }

        if (members.TryGetValue(record.AssetId, out var member))
        {
            return member;
        }

        var groups = _groups[policy];
        if (!groups.TryGetValue((record.OrgId, key), out var group))
        {
            group = new Group(record.OrgId, key);
            groups[(record.OrgId, key)] = group;
        }

        member = new Member(record.AssetId, group, group.Members.Count) { Watermark = Math.Max(_context.GetWatermark(record.AssetId), record.Time) };
        group.Members.Add(member);
        group.MaxWatermark = Math.Max(group.MaxWatermark, member.Watermark);
        members[record.AssetId] = member;
        if (group.NextEnd != long.MaxValue && member.Effective < group.NextEnd)
        {
            group.Holders++;
        }

        return member;
    }

    /// <summary>The group key of the record's asset: its parent, or the attribute (asset directory first, then the record's attr).</summary>
    private string? KeyOf(in PointRecord record)
    {
        if (_keys.TryGetValue(record.AssetId, out var known))
        {
            if (known is not null || settings.GroupByAttribute is null)
            {
                return known;
            }
        }
        else
        {
            known = Resolve(record.AssetId);
            if (known is not null || settings.GroupByAttribute is null)
            {
                _keys[record.AssetId] = known;
                return known;
            }

            _keys[record.AssetId] = null;
        }

        if (record.Attr is { } attr && attr.TryGetString(settings.GroupByAttribute, out var fromRecord) && !string.IsNullOrEmpty(fromRecord))
        {
            _keys[record.AssetId] = fromRecord;
            return fromRecord;
        }

        return null;
    }

    private string? Resolve(string assetId) => Resolve(settings, _context.Assets, assetId);

    /// <summary>The group key from the asset directory: the parent, or the attribute; null when it names none.</summary>
    internal static string? Resolve(GroupSettings settings, IAssetDirectory assets, string assetId)
    {
        if (settings.GroupByAttribute is null)
        {
            return assets.TryGetParent(assetId, out var parent) && !string.IsNullOrEmpty(parent) ? parent : null;
        }

        if (assets.TryGetAttribute(assetId, settings.GroupByAttribute, out var value) && !value.IsNull)
        {
            var text = value.ToString();
            return text.Length > 0 ? text : null;
        }

        return null;
    }

    /// <summary>The group key of a record as <see cref="KeyOf"/> finds it for an asset not seen before (directory, then the record's attr).</summary>
    internal static string? KeyOf(GroupSettings settings, IAssetDirectory assets, in PointRecord record)
    {
        if (Resolve(settings, assets, record.AssetId) is { } known)
        {
            return known;
        }

        return settings.GroupByAttribute is { } name && record.Attr is { } attr && attr.TryGetString(name, out var fromRecord) && !string.IsNullOrEmpty(fromRecord)
            ? fromRecord
            : null;
    }

    private static Dictionary<(string, string), int[]> Index(IReadOnlyList<GroupPolicy> policies)
    {
        var map = new Dictionary<(string, string), int[]>();
        for (var i = 0; i < policies.Count; i++)
        {
            var key = (policies[i].Input.ModelId, policies[i].Input.PointId);
            map[key] = map.TryGetValue(key, out var existing) ? [.. existing, i] : [i];
        }

        return map;
    }
}
