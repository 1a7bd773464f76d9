using Calc.Sdk;

namespace Calc.Engine.Runtime;

/// <summary>Dispatches rule compilation by language to the compiler installed for it.</summary>
public sealed class LanguageCompiler(IReadOnlyDictionary<ExpressionLanguage, IExpressionCompiler> compilers) : IExpressionCompiler
{
    public ICompiledExpression? Compile(string text, ExpressionLanguage language, string path, ProblemList problems)
    {
        if (compilers.TryGetValue(language, out var compiler))
        {
            return compiler.Compile(text, language, path, problems);
        }

        problems.Add(path, language == ExpressionLanguage.CSharpScript
            ? "C# scripts are not available in this Calc build: use an NCalc \"expression\""
            : $"no compiler for {language} rules is installed");
        return null;
    }
}
