namespace Calc.Templates.Groups;

/// <summary>A closed window that no known member can change any more: only its totals, for a member seen later for the first time.</summary>
internal readonly record struct ArchivedWindow(long Start, long End, GroupTotals Totals);
