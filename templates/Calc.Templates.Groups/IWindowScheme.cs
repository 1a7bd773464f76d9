namespace Calc.Templates.Groups;

/// <summary>Where the windows of a group lie in time.</summary>
internal interface IWindowScheme
{
    /// <summary>The most windows one instant can belong to.</summary>
    int MaxWindowsPerInstant { get; }

    /// <summary>Writes the [start, end) of every window containing <paramref name="time"/>, latest start first; returns how many.</summary>
    int Locate(long time, Span<long> starts, Span<long> ends);
}
