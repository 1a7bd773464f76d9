using Calc.Engine.Expressions;
using Calc.Engine.Scripting;
using Calc.Engine.Runtime;

namespace Calc.Sdk.Testing;

/// <summary>The rule compilers the test kit uses by default: the same the engine ships.</summary>
public static class TestCompilers
{
    /// <summary>NCalc expressions and C# scripts, as in the engine.</summary>
    public static IExpressionCompiler Default { get; } = new LanguageCompiler(new Dictionary<ExpressionLanguage, IExpressionCompiler>
    {
        [ExpressionLanguage.NCalc] = new NCalcExpressionCompiler(),
        [ExpressionLanguage.CSharpScript] = new CSharpScriptCompiler(),
    });
}
