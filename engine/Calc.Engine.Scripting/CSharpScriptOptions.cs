namespace Calc.Engine.Scripting;

/// <summary>How <see cref="CSharpScriptCompiler"/> compiles and limits scripts.</summary>
public sealed record CSharpScriptOptions
{
    /// <summary>The default <see cref="StepBudget"/>.</summary>
    public const long DefaultStepBudget = 1_000_000;

    /// <summary>
    /// Steps one evaluation of a script may take: one per loop iteration, per <c>goto</c> and per call
    /// of a local function or lambda. Past it the evaluation fails with an
    /// <see cref="Calc.Sdk.ExpressionEvaluationException"/>.
    /// </summary>
    public long StepBudget { get; init; } = DefaultStepBudget;

    /// <summary>The default <see cref="MaxCallDepth"/>.</summary>
    public const int DefaultMaxCallDepth = 1_000;

    /// <summary>
    /// How deeply local functions and lambdas may call each other in one evaluation. A script that
    /// recurses deeper fails (with an <see cref="Calc.Sdk.ExpressionEvaluationException"/>) long before the
    /// thread's stack could overflow; the stack is checked too, in case frames are large.
    /// </summary>
    public int MaxCallDepth { get; init; } = DefaultMaxCallDepth;

    /// <summary>The default <see cref="MaxSourceLength"/>.</summary>
    public const int DefaultMaxSourceLength = 20_000;

    /// <summary>The longest script, in characters, that is compiled; a longer one is refused before parsing.</summary>
    public int MaxSourceLength { get; init; } = DefaultMaxSourceLength;

    /// <summary>The default <see cref="MaxNestingDepth"/>.</summary>
    public const int DefaultMaxNestingDepth = 64;

    /// <summary>
    /// How deeply brackets (<c>( [ {</c>) may nest. The compiler recurses per level, so a script of thousands of
    /// nested parentheses would overflow its stack and end the process; it is refused before parsing.
    /// </summary>
    public int MaxNestingDepth { get; init; } = DefaultMaxNestingDepth;

    /// <summary>The default <see cref="MaxLambdaNesting"/>.</summary>
    public const int DefaultMaxLambdaNesting = 3;

    /// <summary>
    /// How many lambdas may be nested inside each other. Overload resolution of nested lambdas grows exponentially
    /// (six nested <c>Sum(v =&gt; …)</c> took over two minutes to compile), so deeper nesting is refused.
    /// </summary>
    public int MaxLambdaNesting { get; init; } = DefaultMaxLambdaNesting;

    /// <summary>The default <see cref="MaxAllocatedBytes"/>: 64 MB.</summary>
    public const long DefaultMaxAllocatedBytes = 64L * 1024 * 1024;

    /// <summary>
    /// Bytes one evaluation may allocate on the managed heap (<c>GC.GetAllocatedBytesForCurrentThread</c>, read at
    /// every step the budget counts and when the script returns). Past it the evaluation fails with
    /// <c>the script allocated more than 64 MB in one evaluation</c>. One library call that allocates more
    /// (<c>new string('x', 1_000_000_000)</c>) is stopped only after it returns.
    /// </summary>
    public long MaxAllocatedBytes { get; init; } = DefaultMaxAllocatedBytes;

    /// <summary>The default <see cref="MaxSyntaxDepth"/>.</summary>
    public const int DefaultMaxSyntaxDepth = 256;

    /// <summary>
    /// How deeply expressions and statements may nest, brackets or not (<c>- - - x</c> nests one level per minus). The
    /// C# compiler's binder recurses per level without checking its stack (9,000 unary minuses overflowed it and ended
    /// the process), so a deeper script is refused after parsing, before anything is bound.
    /// </summary>
    public int MaxSyntaxDepth { get; init; } = DefaultMaxSyntaxDepth;

    /// <summary>The default <see cref="MaxCompileTime"/>: 10 s.</summary>
    public static readonly TimeSpan DefaultMaxCompileTime = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long checking and compiling one script may take. Past it the C# compiler is cancelled (so no core stays busy
    /// after the caller has been answered) and the script is refused with
    /// <c>the script took longer than 10 s to compile; simplify it</c>. Such a refusal is not cached.
    /// </summary>
    public TimeSpan MaxCompileTime { get; init; } = DefaultMaxCompileTime;

    /// <summary>The default <see cref="MaxValueBytes"/>: 4 KB.</summary>
    public const int DefaultMaxValueBytes = 4096;

    /// <summary>
    /// The largest value (of a value type: tuples, structs) a script may write, in bytes, counted as the sum of its
    /// fields. Such values live on the stack, and eight levels of 8-tuples of doubles (128 MB) overflowed it, which
    /// ends the process; a larger one is refused at check time, at the expression that makes it.
    /// </summary>
    public int MaxValueBytes { get; init; } = DefaultMaxValueBytes;
}
