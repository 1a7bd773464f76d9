namespace Calc.Engine.Kafka;

/// <summary>
/// A job with a group step (<c>asset-group-aggregation</c>) was started on an input topic with more
/// than one partition. Lanes own partitions and messages are keyed by asset, so a group's members
/// could be split across lanes and each lane would emit a partial group value that overwrites the
/// others. Until group work is re-keyed through a repartition topic, such a job is refused.
/// </summary>
public sealed class GroupPartitionsException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public GroupPartitionsException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public GroupPartitionsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public GroupPartitionsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
