using Calc.Sdk;

namespace Calc.Engine.Plugins.Tests;

internal sealed class ManualClock(long nowMs) : IClock
{
    public long NowMs { get; set; } = nowMs;
}
