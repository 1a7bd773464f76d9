using System.Reflection;
using Calc.Sdk;

using Calc.Engine.Expressions.Internal;

namespace Calc.Engine.Scripting.Internal;

/// <summary>
/// A C# script compiled to a static method of a collectible assembly. Stateless, so thread-safe.
/// When an evaluation throws, the same evaluation runs again in a marked copy of the script (compiled
/// on the first failure, once) whose every statement records that it runs: the last statement that
/// ran names the line and column of the failure. The copy costs nothing while nothing fails.
/// </summary>
internal sealed class CompiledScript : ICompiledExpression
{
    private readonly string[] _references;
    private readonly Func<PointValue[], long, string, PointValue> _run;
    private readonly Lazy<CompiledScript?>? _marked;
    private readonly FieldInfo? _at;

    /// <param name="marked">Compiles the marked copy; null for the marked copy itself.</param>
    /// <param name="at">The marked copy's thread-static that holds the offset of the statement running.</param>
    public CompiledScript(
        string text, string[] references, Func<PointValue[], long, string, PointValue> run, WeakReference loadContext,
        Func<CompiledScript?>? marked = null, FieldInfo? at = null)
    {
        Text = text;
        _references = references;
        _run = run;
        LoadContext = loadContext;
        _marked = marked is null ? null : new Lazy<CompiledScript?>(() => Compile(marked), LazyThreadSafetyMode.ExecutionAndPublication);
        _at = at;
    }

    /// <summary>The script as written.</summary>
    public string Text { get; }

    /// <summary>The script's load context, weakly: tests watch it being collected after the compiler is disposed.</summary>
    public WeakReference LoadContext { get; }

    public IReadOnlyList<string> References => _references;

    /// <summary>Evaluates with no triggering record: <c>Time</c> is the epoch (1970-01-01) and <c>AssetId</c> is empty.</summary>
    public PointValue Evaluate(PointValue[] values) => Evaluate(values, new EvaluationContext(0, ""));

    public PointValue Evaluate(PointValue[] values, in EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length < _references.Length)
        {
            throw new ArgumentException(
                "expected " + _references.Length + " values (one per reference), got " + values.Length, nameof(values));
        }

        try
        {
            return _run(values, context.Time, context.AssetId);
        }
        catch (ExpressionEvaluationException)
        {
            throw;
        }
        catch (Exception e)
        {
            var failed = "script failed: " + e.Message + " (" + e.GetType().Name + ")";
            var at = _marked?.Value?.Locate(values, context);
            throw new ExpressionEvaluationException(at is { } offset ? SourceText.Format(Text, offset, failed) : failed, e);
        }
    }

    public override string ToString() => Text;

    private static CompiledScript? Compile(Func<CompiledScript?> marked)
    {
        try
        {
            return marked();
        }
        catch (Exception)
        {
            // The compiler was disposed meanwhile (or the copy did not compile): the failure is
            // reported without a position rather than replaced by this one.
            return null;
        }
    }

    /// <summary>Runs the marked copy on the same input; the offset of the statement that was running when it threw, or null.</summary>
    private int? Locate(PointValue[] values, in EvaluationContext context)
    {
        _at!.SetValue(null, -1);
        try
        {
            _run(values, context.Time, context.AssetId);
            return null;
        }
        catch (Exception)
        {
            return _at.GetValue(null) is int at && at >= 0 ? at : null;
        }
    }
}
