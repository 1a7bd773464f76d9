using System.Reflection;
using System.Runtime.ExceptionServices;
using Calc.Sdk;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

using Calc.Engine.Expressions.Internal;

namespace Calc.Engine.Scripting.Internal;

/// <summary>
/// One compilation: find the references, check the script against the semantic model (compiler errors,
/// sandbox, shape, return type), rewrite it with budget checks, emit it and load it into its own
/// collectible context. Nothing of the script runs before every check has passed.
/// </summary>
internal static class ScriptCompilation
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions CompilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        optimizationLevel: OptimizationLevel.Release,
        allowUnsafe: false,
        nullableContextOptions: NullableContextOptions.Disable,
        concurrentBuild: false);

    /// <summary>The stack the compiler runs on: its binder recurses per level of nesting without checking the stack.</summary>
    private const int CompilerStackBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Compiles on a thread of its own with a <see cref="CompilerStackBytes"/> stack, and waits for it at most
    /// <see cref="CSharpScriptOptions.MaxCompileTime"/>: past it the script is refused and the compiler is cancelled. The
    /// C# compiler stops at its next check of the cancellation, which for one statement of nested lambdas can be after
    /// it has bound the whole statement, so the thread may go on a while after the caller has its answer.
    /// </summary>
    /// <param name="text">The script as written.</param>
    /// <param name="name">The assembly name (from the hash of the text).</param>
    /// <param name="limits">Steps and call depth one evaluation may take, and the limits on checking.</param>
    /// <param name="register">Receives the load context, which the compiler unloads when disposed.</param>
    /// <param name="marked">True for the copy that records which statement runs (see <see cref="CompiledScript"/>), compiled
    /// only once an evaluation of the script has failed.</param>
    public static CompileOutcome Run(string text, string name, CSharpScriptOptions limits, Action<ScriptLoadContext> register, bool marked = false)
    {
        // The thread owns the deadline: it may outlive this call.
        var deadline = new CancellationTokenSource(limits.MaxCompileTime);
        var cancel = deadline.Token;
        CompileOutcome? outcome = null;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    outcome = Compile(text, name, limits, register, marked, cancel);
                }
                catch (OperationCanceledException) when (cancel.IsCancellationRequested)
                {
                    outcome = TimedOut(limits);
                }
#pragma warning disable CA1031 // rethrown on the caller's thread
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
                finally
                {
                    deadline.Dispose();
                }
            },
            CompilerStackBytes)
        {
            IsBackground = true,
            Name = "calc-script-compiler",
        };
        thread.Start();
        if (!thread.Join(limits.MaxCompileTime))
        {
            return TimedOut(limits);
        }

        failure?.Throw();
        return outcome!;
    }

    /// <summary>The message of a script that did not compile in time (the compiler does not cache it: the machine may just have been busy).</summary>
    public static string TimeLimitMessage(CSharpScriptOptions limits) =>
        "the script took longer than " + Seconds(limits.MaxCompileTime) + " to compile; simplify it";

    private static string Seconds(TimeSpan time) =>
        time.Ticks % TimeSpan.TicksPerSecond == 0
            ? ((long)time.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) + " s"
            : time.TotalMilliseconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " ms";

    private static CompileOutcome TimedOut(CSharpScriptOptions limits) =>
        new(null, [TimeLimitMessage(limits)]) { TimedOut = true };

    private static CompileOutcome Compile(
        string text, string name, CSharpScriptOptions limits, Action<ScriptLoadContext> register, bool marked, CancellationToken cancel)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Failed(text, [new PositionedProblem(0, "the script is empty")]);
        }

        if (ScriptBounds.Check(text, limits) is { } tooBig)
        {
            return Failed(text, [tooBig]);
        }

        var scanned = ReferenceScanner.Run(text);
        var isExpression = !SyntaxFactory.ParseExpression(scanned.Rewritten, options: ParseOptions).ContainsDiagnostics;
        var (source, offset) = ScriptSource.ForChecking(scanned.Rewritten, scanned.References.Count, isExpression, limits);
        var tree = CSharpSyntaxTree.ParseText(source, ParseOptions, cancellationToken: cancel);
        if (ScriptBounds.CheckDepth(tree.GetRoot(cancel), offset, limits) is { } deep)
        {
            return Failed(text, [deep]);
        }

        var compilation = CSharpCompilation.Create(name, [tree], ScriptReferences.All, CompilationOptions);
        var model = compilation.GetSemanticModel(tree);
        var user = new TextSpan(offset, text.Length);
        var references = scanned.Spans.ToDictionary(s => s.Start + offset, s => s.Index);
        var body = tree.GetRoot(cancel).DescendantNodes().OfType<MethodDeclarationSyntax>().First(m => m.Identifier.ValueText == ScriptSource.BodyMethod);
        if (ScriptBounds.CheckLambdas(tree.GetRoot(cancel), offset, limits) is { } nested)
        {
            return Failed(text, [nested]);
        }

        // First, and alone: binding values too large for the stack is itself slow (eight levels of tuples took seconds).
        if (FrameSizes.Check(model, user, limits, cancel) is { } tooLarge)
        {
            return Failed(text, [new ProblemMapper(offset, text.Length, scanned.References).FromRefusal(tooLarge)]);
        }

        var refusals = new List<Refusal>();
        var generated = new HashSet<int>(references.Keys.Concat(scanned.Malformed.Select(m => m.Start + offset)));
        ScriptChecks.ReservedNames(tree.GetRoot(cancel), user, generated, refusals);
        ScriptChecks.Braces(body.Body, user, refusals);
        refusals.AddRange(SandboxChecker.Run(model, user, cancel));
        var accessors = ScriptChecks.Accessors(model, user, references, refusals, cancel);
        var returnType = body.Body is null ? "object" : ReturnTypes.Decide(model, body.Body, refusals, cancel);

        var mapper = new ProblemMapper(offset, text.Length, scanned.References);
        var problems = new List<PositionedProblem>(scanned.Problems);
        problems.AddRange(refusals.Where(r => !r.Silent).Select(mapper.FromRefusal));
        problems.AddRange(mapper.FromDiagnostics(compilation.GetDiagnostics(cancel), refusals, scanned.Malformed));
        if (problems.Count > 0)
        {
            return Failed(text, problems);
        }

        var marks = marked ? new StatementMarks(isExpression ? offset - ScriptSource.ExpressionPrefix.Length : offset, offset, offset + text.Length) : (StatementMarks?)null;
        var rewriter = new BudgetRewriter(model, accessors, marks, cancel);
        var root = (CompilationUnitSyntax)rewriter.Visit(tree.GetRoot(cancel))!;
        root = Finish(root, returnType, rewriter.Instrumented, limits);
        var emitted = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.Create(root, ParseOptions));
        return Load(text, name, emitted, scanned.References, register, marked ? null : () => Run(text, name + "-marked", limits, register, marked: true).Compiled as CompiledScript, cancel);
    }

    /// <summary>The body gets its real return type; the run method drops the budget reset when nothing counts steps.</summary>
    private static CompilationUnitSyntax Finish(CompilationUnitSyntax root, string returnType, bool instrumented, CSharpScriptOptions limits)
    {
        var body = root.DescendantNodes().OfType<MethodDeclarationSyntax>().First(m => m.Identifier.ValueText == ScriptSource.BodyMethod);
        root = root.ReplaceNode(body, body.WithReturnType(SyntaxFactory.ParseTypeName(returnType).WithTrailingTrivia(SyntaxFactory.Space)));
        if (instrumented)
        {
            return root;
        }

        var run = root.DescendantNodes().OfType<MethodDeclarationSyntax>().First(m => m.Identifier.ValueText == ScriptSource.RunMethod);
        return root.ReplaceNode(run, SyntaxFactory.ParseMemberDeclaration(ScriptSource.Run(instrumented: false, limits), options: ParseOptions)!);
    }

    private static CompileOutcome Load(
        string text, string name, CSharpCompilation compilation, IReadOnlyList<string> references, Action<ScriptLoadContext> register, Func<CompiledScript?>? marked, CancellationToken cancel)
    {
        using var image = new MemoryStream();
        var result = compilation.Emit(image, cancellationToken: cancel);
        if (!result.Success)
        {
            var first = result.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error);
            return Failed(text, [new PositionedProblem(0, "internal error compiling the script: " + first.GetMessage(System.Globalization.CultureInfo.InvariantCulture))]);
        }

        image.Position = 0;
        var context = new ScriptLoadContext(name);
        register(context);
        var assembly = context.LoadFromStream(image);
        var type = assembly.GetType(ScriptSource.ClassName, throwOnError: true)!;
        var run = type.GetMethod(ScriptSource.RunMethod)!.CreateDelegate<Func<PointValue[], long, string, PointValue>>();
        var at = marked is null ? type.GetField(ScriptSource.AtField, BindingFlags.NonPublic | BindingFlags.Static) : null;
        return new CompileOutcome(new CompiledScript(text, [.. references], run, new WeakReference(context), marked, at), []);
    }

    private static CompileOutcome Failed(string text, IEnumerable<PositionedProblem> problems) =>
        new(null, [.. problems.OrderBy(p => p.Offset).Select(p => Calc.Engine.Expressions.Internal.SourceText.Format(text, p.Offset, p.Message))]);
}
