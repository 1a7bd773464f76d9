namespace Calc.Templates.Groups;

/// <summary>
/// One asset of a group, for one policy: it has sent the policy's input point. Its watermark is the
/// asset's event-time progress; while its preprocessor holds records (waiting for the next valid value
/// to interpolate linearly) it holds the group back at the oldest of them.
/// </summary>
internal sealed class Member(string assetId, Group group, int index)
{
    public string AssetId { get; } = assetId;

    public Group Group { get; } = group;

    /// <summary>Position in <see cref="Group.Members"/>, and in each window's member values.</summary>
    public int Index { get; } = index;

    public long Watermark = long.MinValue;

    /// <summary>Records given to the preprocessor and not yet released by it.</summary>
    public int Held;

    /// <summary>The time of the oldest held record (valid while <see cref="Held"/> is positive).</summary>
    public long HeldFrom;

    /// <summary>Silent on the wall clock for the idle timeout: does not hold windows back until it sends again.</summary>
    public bool Idle;

    /// <summary>The progress that counts for closing windows: the watermark, or the oldest held record.</summary>
    public long Effective => Held > 0 && HeldFrom < Watermark ? HeldFrom : Watermark;
}
