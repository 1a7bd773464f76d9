namespace Calc.Engine.Expressions.Internal;

/// <summary>A problem found in an expression, at an offset of its original text.</summary>
internal readonly record struct PositionedProblem(int Offset, string Message);
