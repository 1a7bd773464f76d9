namespace Calc.Engine.Tsdb;

/// <summary>The database did not acknowledge a write.</summary>
public sealed class TsdbWriteException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TsdbWriteException(string message, bool isRefusal, Exception? inner = null)
        : base(message, inner) => IsRefusal = isRefusal;

    /// <summary>Creates the exception.</summary>
    public TsdbWriteException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public TsdbWriteException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TsdbWriteException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>
    /// True when the database answered and refused (an HTTP 4xx such as a wrong token or database name):
    /// retrying succeeds only once the database or the configuration is fixed. False when it was
    /// unreachable, timed out or failed (5xx).
    /// </summary>
    public bool IsRefusal { get; }
}
