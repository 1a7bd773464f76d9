namespace Calc.Engine.Scripting.Internal;

/// <summary>A problem found in a script, at an offset of the text the user wrote.</summary>
internal readonly record struct PositionedProblem(int Offset, string Message);
