using System.Collections.Concurrent;
using Calc.Engine.Expressions.Internal;
using Calc.Sdk;

namespace Calc.Engine.Expressions;

/// <summary>
/// Compiles NCalc expressions (<see cref="ExpressionLanguage.NCalc"/>) into delegates over the
/// referenced points' values. Each distinct text is compiled once and cached for the life of this
/// instance (failures too, with their problems); thread-safe. The language is described in
/// docs/expressions.md.
/// </summary>
public sealed class NCalcExpressionCompiler : IExpressionCompiler
{
    private readonly ConcurrentDictionary<string, CompileOutcome> _cache = new(StringComparer.Ordinal);

    /// <summary>How many distinct texts have been compiled.</summary>
    public int CachedCount => _cache.Count;

    /// <inheritdoc />
    public ICompiledExpression? Compile(string text, ExpressionLanguage language, string path, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(problems);
        if (language != ExpressionLanguage.NCalc)
        {
            problems.Add(path, "the NCalc expression compiler cannot compile " + language + " rules");
            return null;
        }

        var outcome = _cache.GetOrAdd(text, static t => NCalcCompilation.Run(t));
        foreach (var problem in outcome.Problems)
        {
            problems.Add(path, problem);
        }

        return outcome.Compiled;
    }
}
