namespace Calc.Engine.Kafka;

/// <summary>Kafka message headers that Calc writes and reads.</summary>
public static class CalcKafkaHeaders
{
    /// <summary>
    /// UTF-8 id of the job that produced the message. A <see cref="KafkaPointSource"/> configured with the
    /// same job id skips such messages, so a job that reads the topic it writes does not feed on itself.
    /// </summary>
    public const string Job = "calc-job";

    /// <summary>
    /// On a repartition topic: where the record was first read (<see cref="RecordOrigin"/>), so that the lane
    /// owning its group drops a copy produced again after a forwarder's crash.
    /// </summary>
    public const string Origin = "calc-origin";
}
