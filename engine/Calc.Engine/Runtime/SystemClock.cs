using Calc.Sdk;

namespace Calc.Engine.Runtime;

/// <summary>The real wall clock.</summary>
public sealed class SystemClock : IClock
{
    public static readonly SystemClock Instance = new();

    public long NowMs => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
