namespace Calc.Engine.Scripting.Internal;

/// <summary>Where a reference was written in the script, and its index in the reference list.</summary>
internal readonly record struct ReferenceSpan(int Start, int Length, int Index);
