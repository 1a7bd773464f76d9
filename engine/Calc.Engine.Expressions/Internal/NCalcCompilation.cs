using System.Globalization;
using LinqExpression = System.Linq.Expressions.Expression;
using System.Text.RegularExpressions;
using Calc.Sdk;
using NCalc;
using NCalc.Factories;

namespace Calc.Engine.Expressions.Internal;

/// <summary>One compilation: lex and rewrite references, parse with NCalc, build and compile the LINQ tree.</summary>
internal static partial class NCalcCompilation
{
    public static CompileOutcome Run(string text)
    {
        var lexer = Lexer.Run(text);
        if (lexer.Problems.Count > 0)
        {
            return Failed(text, lexer.Problems);
        }

        var syntax = SyntaxChecker.Run(lexer.Tokens, text.Length);
        if (syntax.Error is { Message: "the expression is empty" } empty)
        {
            return Failed(text, [empty]);
        }

        LogicalExpression root;
        try
        {
            root = LogicalExpressionFactory.Create(lexer.Rewritten, new LogicalExpressionParserOptions(), CultureInfo.InvariantCulture);
        }
        catch (Exception e)
        {
            // NCalc throws NCalcParserException, but also InvalidOperationException ("Unknown operator sequence").
            return Failed(text, [syntax.Error ?? FromParser(text, e.Message)]);
        }

        try
        {
            return Build(text, lexer.Tokens, syntax, root);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // A bug here must not take job validation down: report it against the expression.
            return Failed(text, [new PositionedProblem(0, "internal error compiling the expression (" + e.Message + ")")]);
        }
    }

    private static CompileOutcome Build(string text, IReadOnlyList<Token> tokens, SyntaxInfo syntax, LogicalExpression root)
    {
        var references = ReferenceList(tokens);
        var builder = new ExpressionBuilder(text, syntax, references);
        var body = builder.Build(root);
        if (builder.Problems.Count > 0)
        {
            return Failed(text, builder.Problems);
        }

        var lambda = LinqExpression.Lambda<Func<PointValue[], PointValue>>(body, "ncalc", [builder.Values]);
        var names = new string[references.Count];
        foreach (var (name, index) in references)
        {
            names[index] = name;
        }

        return new CompileOutcome(new CompiledNCalcExpression(text, names, lambda.Compile(preferInterpretation: false)), []);
    }

    /// <summary>References in order of first appearance, each once.</summary>
    private static Dictionary<string, int> ReferenceList(IReadOnlyList<Token> tokens)
    {
        var references = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in tokens)
        {
            if (token.Kind == TokenKind.Reference)
            {
                references.TryAdd(token.Text, references.Count);
            }
        }

        return references;
    }

    /// <summary>NCalc's message, with the position it gives (in the rewritten text, which has the same positions).</summary>
    private static PositionedProblem FromParser(string text, string message)
    {
        var match = ParserPosition().Match(message);
        if (!match.Success)
        {
            return new PositionedProblem(0, Sentence(message));
        }

        var line = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var column = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
        return new PositionedProblem(SourceText.Offset(text, line, column), Sentence(match.Groups[1].Value));
    }

    private static string Sentence(string message)
    {
        var trimmed = message.Trim().TrimEnd('.');
        return trimmed.Length == 0 ? "syntax error" : char.ToLowerInvariant(trimmed[0]) + trimmed[1..];
    }

    private static CompileOutcome Failed(string text, IEnumerable<PositionedProblem> problems) =>
        new(null, [.. problems.OrderBy(p => p.Offset).Select(p => SourceText.Format(text, p.Offset, p.Message))]);

    [GeneratedRegex(@"^(.*?)\s*at position \((\d+):(\d+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex ParserPosition();
}
