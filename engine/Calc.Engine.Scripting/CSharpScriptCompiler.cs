using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Calc.Engine.Scripting.Internal;
using Calc.Sdk;

namespace Calc.Engine.Scripting;

/// <summary>
/// Compiles C# scripts (<see cref="ExpressionLanguage.CSharpScript"/>): a method body whose
/// <c>${model::point}</c> references are <c>double</c> variables, checked against a sandbox before
/// anything runs, with a step budget against endless loops. Each distinct text is compiled once (cached
/// by the SHA-256 of the text, failures too, except a compile stopped at its time limit) into a static method of an assembly loaded into its own
/// collectible load context; <see cref="Dispose"/> unloads them all. Thread-safe. The language is
/// described in docs/scripts.md.
/// </summary>
public sealed class CSharpScriptCompiler : IExpressionCompiler, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<CompileOutcome>> _cache = new(StringComparer.Ordinal);
    private readonly List<ScriptLoadContext> _contexts = [];
    private readonly Lock _lock = new();
    private bool _disposed;

    /// <summary>A compiler with the default options.</summary>
    public CSharpScriptCompiler()
        : this(new CSharpScriptOptions())
    {
    }

    /// <summary>A compiler with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The step budget, the call depth, the memory limit or the compile time is not positive.</exception>
    public CSharpScriptCompiler(CSharpScriptOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.StepBudget, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxCallDepth, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxAllocatedBytes, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.MaxCompileTime, TimeSpan.Zero, nameof(options));
        Options = options;
    }

    /// <summary>The options scripts are compiled with.</summary>
    public CSharpScriptOptions Options { get; }

    /// <summary>How many distinct texts have been compiled.</summary>
    public int CachedCount => _cache.Count;

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The compiler was disposed.</exception>
    public ICompiledExpression? Compile(string text, ExpressionLanguage language, string path, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(problems);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (language != ExpressionLanguage.CSharpScript)
        {
            problems.Add(path, "the C# script compiler cannot compile " + language + " rules");
            return null;
        }

        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var entry = _cache.GetOrAdd(key, static (k, s) => new Lazy<CompileOutcome>(() => s.Self.Build(s.Text, k)), (Self: this, Text: text));
        var outcome = entry.Value;
        if (outcome.TimedOut)
        {
            _cache.TryRemove(new KeyValuePair<string, Lazy<CompileOutcome>>(key, entry));
        }

        foreach (var problem in outcome.Problems)
        {
            problems.Add(path, problem);
        }

        return outcome.Compiled;
    }

    /// <summary>
    /// Unloads every compiled script's load context (call when the job or engine stops). Memory is
    /// freed once nothing references the compiled scripts any more.
    /// </summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _cache.Clear();
            foreach (var context in _contexts)
            {
                context.Unload();
            }

            _contexts.Clear();
        }
    }

    private CompileOutcome Build(string text, string key)
    {
        try
        {
            return ScriptCompilation.Run(text, "calc-script-" + key[..16].ToLowerInvariant(), Options, Register);
        }
        catch (InvalidOperationException e)
        {
            return new CompileOutcome(null, [e.Message]);
        }
    }

    private void Register(ScriptLoadContext context)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                context.Unload();
                throw new ObjectDisposedException(nameof(CSharpScriptCompiler));
            }

            _contexts.Add(context);
        }
    }
}
