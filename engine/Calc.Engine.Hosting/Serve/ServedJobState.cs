namespace Calc.Engine.Hosting.Serve;

/// <summary>Where a served job stands (shown in lowercase by the REST API).</summary>
internal enum ServedJobState
{
    /// <summary>Not running: stopped through the API, being removed, or without a Kafka source.</summary>
    Stopped,

    /// <summary>Compiling, acquiring its plugins, joining its consumer group.</summary>
    Starting,

    Running,

    /// <summary>Threw (a plugin failure, Kafka, an invalid stored version); it is started again after a backoff.</summary>
    Failed,
}
