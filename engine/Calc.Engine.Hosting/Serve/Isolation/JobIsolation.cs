namespace Calc.Engine.Hosting.Serve.Isolation;

/// <summary>Which jobs of <c>calc serve</c> run in a worker process of their own (<c>--isolation</c>).</summary>
internal enum JobIsolation
{
    /// <summary>Every job runs in the service's process (the fastest; for code you trust).</summary>
    None,

    /// <summary>Jobs with a C# script step or an operator from an installed pack (not one shipped with calc) run in a worker process.</summary>
    Untrusted,

    /// <summary>Every job runs in a worker process.</summary>
    All,
}
