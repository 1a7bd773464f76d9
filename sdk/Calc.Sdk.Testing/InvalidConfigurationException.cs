namespace Calc.Sdk.Testing;

/// <summary>The operator's configuration has problems; <see cref="Problems"/> lists them all.</summary>
public sealed class InvalidConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidConfigurationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public InvalidConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a list of problems.</summary>
    public InvalidConfigurationException(IReadOnlyList<Problem> problems)
        : base("invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, each with its JSON path.</summary>
    public IReadOnlyList<Problem> Problems { get; } = [];
}
