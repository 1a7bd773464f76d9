namespace Calc.Sdk;

/// <summary>Compiles rules (NCalc expressions, C# scripts) once per job; results are cached by the hash of their text.</summary>
public interface IExpressionCompiler
{
    /// <summary>
    /// Compiles <paramref name="text"/>. On error adds problems at <paramref name="path"/> (with line
    /// and column in the message) and returns null.
    /// </summary>
    ICompiledExpression? Compile(string text, ExpressionLanguage language, string path, ProblemList problems);
}
