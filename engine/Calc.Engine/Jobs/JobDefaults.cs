namespace Calc.Engine.Jobs;

/// <summary>Named defaults of job settings.</summary>
public static class JobDefaults
{
    /// <summary>Default <c>idleTimeout</c>: one minute of wall-clock silence.</summary>
    public const long IdleTimeoutMs = 60_000;
}
