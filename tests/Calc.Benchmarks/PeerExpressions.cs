using Calc.Sdk;
using DynamicExpresso;

namespace Calc.Benchmarks;

/// <summary>DynamicExpresso, the peer: the same formula as C# text over <c>PointValue[] v</c>, compiled once to a delegate.</summary>
internal static class PeerExpressions
{
    public static Func<PointValue[], PointValue> Compile(string csharp) =>
        new Interpreter()
            .Reference(typeof(PointValue))
            .ParseAsDelegate<Func<PointValue[], PointValue>>(csharp, "v");

    public static void CheckEqual(PointValue lambda, PointValue calc, PointValue peer)
    {
        if (lambda != calc || lambda != peer)
        {
            throw new InvalidOperationException($"the three ways disagree: lambda {lambda}, Calc {calc}, DynamicExpresso {peer}");
        }
    }
}
