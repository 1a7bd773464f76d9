using System.Globalization;
using System.Text;

namespace Calc.Engine.Scripting.Internal;

/// <summary>
/// The C# the compiler sees: the user's statements become the body of a static method of a generated
/// class, after one local per reference. Every generated name starts with <c>__</c>, which scripts may
/// not use, so a script cannot reach the budget counter or the raw values.
/// </summary>
internal static class ScriptSource
{
    public const string ClassName = "__Script";
    public const string RunMethod = "__Run";
    public const string BodyMethod = "__Body";
    public const string BudgetField = "__left";
    public const string StepStatement = "if (--__left < 0 || global::System.GC.GetAllocatedBytesForCurrentThread() > __alloc) __Over();";
    public const string EnterStatement = "__Enter();";
    public const string LeaveStatement = "__depth--;";

    /// <summary>The thread-static the marked copy of a script sets before each user statement (<see cref="StatementMarks"/>).</summary>
    public const string AtField = "__at";

    /// <summary>What makes a script that is one expression a statement: the text right before the user's.</summary>
    public const string ExpressionPrefix = "return ";

    /// <summary>
    /// LINQ calls one evaluation may make. LINQ fuses chained operators into nested delegates, so an
    /// enumerable built by re-applying Select or Where in a loop recurses once per operator when it is
    /// enumerated, in library code no check reaches; about 200,000 of them overflow a 1.5 MB stack.
    /// </summary>
    public const int MaxLinqCalls = 10_000;

    /// <summary>The typed accessors a script may call on a reference, and the helper each becomes.</summary>
    public static IReadOnlyDictionary<string, string> Accessors { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Text"] = "__Text",
        ["IsNull"] = "__IsNull",
    };

    public static string ReferenceIdentifier(int index) => "__" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The source checked before anything is emitted, and the offset of the user's text in it. Its
    /// body returns <c>object</c> until <see cref="ReturnTypes"/> decides; its run method resets the
    /// budget until the rewriter finds that nothing needs counting (<see cref="Run"/>).
    /// </summary>
    public static (string Source, int UserOffset) ForChecking(string userText, int referenceCount, bool isExpression, CSharpScriptOptions limits)
    {
        var source = new StringBuilder(Header(limits));
        source.Append("    {\n");
        for (var i = 0; i < referenceCount; i++)
        {
            source.Append(CultureInfo.InvariantCulture, $"        double {ReferenceIdentifier(i)} = __Num(in __v[{i}]);\n");
        }

        if (isExpression)
        {
            source.Append(ExpressionPrefix);
        }

        var offset = source.Length;
        source.Append(userText).Append(isExpression ? "\n;\n" : "\n").Append("    }\n}\n");
        return (source.ToString(), offset);
    }

    /// <summary>The run method: resets the budget and checks it after the body when <paramref name="instrumented"/>.</summary>
    public static string Run(bool instrumented, CSharpScriptOptions limits)
    {
        // Once a limit is hit, the first reason sticks (__why) and every further step fails again, so
        // the script can neither swallow the failure nor turn it into another exception.
        var body = instrumented
            ? $$"""
                    {{BudgetField}} = {{limits.StepBudget.ToString(CultureInfo.InvariantCulture)}};
                    __alloc = global::System.GC.GetAllocatedBytesForCurrentThread() + {{limits.MaxAllocatedBytes.ToString(CultureInfo.InvariantCulture)}};
                    __depth = 0;
                    __linq = 0;
                    __why = 0;
                    try
                    {
                        var __r = {{BodyMethod}}(__v);
                        if (__why == 0) __Memory();
                        if (__why != 0) __Stop(__why);
                        return __Result(__r);
                    }
                    catch (global::System.Exception) when (__why != 0)
                    {
                        __Stop(__why);
                        throw;
                    }
            """
            : $$"""
                    return __Result({{BodyMethod}}(__v));
            """;
        return $$"""
                public static global::Calc.Sdk.PointValue {{RunMethod}}(global::Calc.Sdk.PointValue[] __v, long __t, string __a)
                {
                    __time = __t;
                    __asset = __a;
            {{body}}
                }
            """;
    }

    /// <summary>A byte count as the memory limit's message gives it: <c>64 MB</c>, or bytes when not whole megabytes.</summary>
    public static string Megabytes(long bytes) =>
        bytes % (1024 * 1024) == 0
            ? (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MB"
            : bytes.ToString(CultureInfo.InvariantCulture) + " bytes";

    private static string Header(CSharpScriptOptions limits) => $$"""
            #nullable disable
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Text;

            internal static class {{ClassName}}
            {
                [global::System.ThreadStatic] private static long {{BudgetField}};

                [global::System.ThreadStatic] private static int __depth;

                // The thread's allocation count past which the evaluation fails (GC.GetAllocatedBytesForCurrentThread).
                [global::System.ThreadStatic] private static long __alloc;

                [global::System.ThreadStatic] private static int __linq;

                [global::System.ThreadStatic] private static int __why;

                [global::System.ThreadStatic] private static long __time;

                [global::System.ThreadStatic] private static string __asset;

                [global::System.ThreadStatic] private static int {{AtField}};

                /// <summary>The triggering record's time, UTC.</summary>
                private static global::System.DateTimeOffset Time => global::System.DateTimeOffset.FromUnixTimeMilliseconds(__time);

                /// <summary>The triggering record's time, epoch milliseconds.</summary>
                private static long TimeMs => __time;

                /// <summary>The asset the rule runs for.</summary>
                private static string AssetId => __asset;

            {{Run(instrumented: true, limits)}}

                private static string Text(double reference) => throw new global::System.InvalidOperationException();

                private static bool IsNull(double reference) => throw new global::System.InvalidOperationException();

                // Only a JSON number is numeric: booleans, strings (also "7") and null are NaN.
                [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
                private static double __Num(in global::Calc.Sdk.PointValue v) => v.Number;

                private static string __Text(global::Calc.Sdk.PointValue v) => v.IsNull ? null : v.ToString();

                private static bool __IsNull(global::Calc.Sdk.PointValue v) => v.IsNull;

                private static void __Enter()
                {
                    if (--{{BudgetField}} < 0) __Stop(1);
                    __Memory();
                    if (++__depth > {{limits.MaxCallDepth.ToString(CultureInfo.InvariantCulture)}}) __Stop(2);
                    if (!global::System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack()) __Stop(3);
                }

                private static T __Charge<T>(T count) where T : global::System.Numerics.IBinaryInteger<T>
                {
                    var n = long.CreateSaturating(count);
                    if (n > 0)
                    {
                        if (n > {{BudgetField}}) __Stop(1);
                        {{BudgetField}} -= n;
                    }

                    __Memory();

                    return count;
                }

                private static T __Linq<T>(T result, int calls)
                {
                    if ((__linq += calls) > {{MaxLinqCalls.ToString(CultureInfo.InvariantCulture)}}) __Stop(4);
                    __Memory();
                    return result;
                }

                private static void __Over() => __Stop({{BudgetField}} < 0 ? 1 : 5);

                private static void __Memory()
                {
                    if (global::System.GC.GetAllocatedBytesForCurrentThread() > __alloc) __Stop(5);
                }

                private static void __Stop(int why)
                {
                    {{BudgetField}} = -1;
                    if (__why == 0) __why = why;
                    throw new global::Calc.Sdk.ExpressionEvaluationException(__why switch
                    {
                        1 => "script exceeded its budget of {{limits.StepBudget.ToString(CultureInfo.InvariantCulture)}} steps",
                        2 => "script recursed deeper than {{limits.MaxCallDepth.ToString(CultureInfo.InvariantCulture)}} calls",
                        3 => "script recursed too deeply for the stack",
                        5 => "the script allocated more than {{Megabytes(limits.MaxAllocatedBytes)}} in one evaluation",
                        _ => "script made more than {{MaxLinqCalls.ToString(CultureInfo.InvariantCulture)}} LINQ calls",
                    });
                }

            {{ResultHelpers}}

                private static object {{BodyMethod}}(global::Calc.Sdk.PointValue[] __v)

            """;

    private const string ResultHelpers = """
            [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
            private static global::Calc.Sdk.PointValue __Result(double r) => global::Calc.Sdk.PointValue.FromNumber(r);

            private static global::Calc.Sdk.PointValue __Result(double? r) => r.HasValue ? global::Calc.Sdk.PointValue.FromNumber(r.Value) : default;

            private static global::Calc.Sdk.PointValue __Result(decimal r) => global::Calc.Sdk.PointValue.FromNumber((double)r);

            private static global::Calc.Sdk.PointValue __Result(decimal? r) => r.HasValue ? global::Calc.Sdk.PointValue.FromNumber((double)r.Value) : default;

            private static global::Calc.Sdk.PointValue __Result(bool r) => global::Calc.Sdk.PointValue.FromBool(r);

            private static global::Calc.Sdk.PointValue __Result(bool? r) => r.HasValue ? global::Calc.Sdk.PointValue.FromBool(r.Value) : default;

            private static global::Calc.Sdk.PointValue __Result(string r) => global::Calc.Sdk.PointValue.FromString(r);

            private static global::Calc.Sdk.PointValue __Result(object r) => r switch
            {
                null => default,
                double d => global::Calc.Sdk.PointValue.FromNumber(d),
                float f => global::Calc.Sdk.PointValue.FromNumber(f),
                int i => global::Calc.Sdk.PointValue.FromNumber(i),
                long l => global::Calc.Sdk.PointValue.FromNumber(l),
                short s => global::Calc.Sdk.PointValue.FromNumber(s),
                byte b => global::Calc.Sdk.PointValue.FromNumber(b),
                sbyte sb => global::Calc.Sdk.PointValue.FromNumber(sb),
                uint ui => global::Calc.Sdk.PointValue.FromNumber(ui),
                ulong ul => global::Calc.Sdk.PointValue.FromNumber(ul),
                ushort us => global::Calc.Sdk.PointValue.FromNumber(us),
                decimal m => global::Calc.Sdk.PointValue.FromNumber((double)m),
                bool x => global::Calc.Sdk.PointValue.FromBool(x),
                string t => global::Calc.Sdk.PointValue.FromString(t),
                _ => throw new global::Calc.Sdk.ExpressionEvaluationException("the script returned a " + r.GetType().Name + ": return a number, a boolean or a string"),
            };
    """;
}
