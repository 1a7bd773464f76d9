using Calc.Sdk;

namespace Calc.Engine.Scripting.Internal;

/// <summary>A C# script compiled to a static method of a collectible assembly. Stateless, so thread-safe.</summary>
internal sealed class CompiledScript : ICompiledExpression
{
    private readonly string[] _references;
    private readonly Func<PointValue[], PointValue> _run;

    public CompiledScript(string text, string[] references, Func<PointValue[], PointValue> run, WeakReference loadContext)
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

    public PointValue Evaluate(PointValue[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length < _references.Length)
        {
            throw new ArgumentException(
                "expected " + _references.Length + " values (one per reference), got " + values.Length, nameof(values));
        }

        try
        {
            return _run(values);
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
