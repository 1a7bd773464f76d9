using Calc.Sdk;

namespace Calc.Engine.State.Internal;

/// <summary>The real wall clock.</summary>
internal sealed class SystemClock : IClock
{
    public static readonly SystemClock Instance = new();

    public long NowMs => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
