namespace Calc.Sdk;

/// <summary>The wall clock, so that tests can drive time (the SDK test kit has a fake one).</summary>
public interface IClock
{
    /// <summary>Now, epoch milliseconds UTC.</summary>
    long NowMs { get; }
}
