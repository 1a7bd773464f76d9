using Calc.Sdk;

namespace Calc.Engine.Scripting.Internal;

/// <summary>A C# script compiled to a static method of a collectible assembly. Stateless, so thread-safe.</summary>
internal sealed class CompiledScript : ICompiledExpression
{
    private readonly string[] _references;
    private readonly Func<PointValue[], long, string, PointValue> _run;

    public CompiledScript(string text, string[] references, Func<PointValue[], long, string, PointValue> run, WeakReference loadContext)
    {
        Text = text;
        _references = references;
        _run = run;
        LoadContext = loadContext;
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
            throw new ExpressionEvaluationException("script failed: " + e.Message + " (" + e.GetType().Name + ")", e);
        }
    }

    public override string ToString() => Text;
}
