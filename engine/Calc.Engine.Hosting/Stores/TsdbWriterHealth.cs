namespace Calc.Engine.Hosting.Stores;

/// <summary>
/// The state of the in-process TSDB writer, as <c>GET /health</c> shows it under <c>tsdb</c>.
/// <see cref="Status"/>: <c>running</c> (reading the topic; the database answers), <c>waitingForTopic</c>
/// (the output topic does not exist yet, or the broker is away: it keeps polling), <c>databaseDown</c>
/// (the current batch keeps failing: it retries), <c>failed</c> (it stopped: outputs are no longer
/// written), <c>stopped</c> (calc serve is stopping).
/// </summary>
/// <param name="Status">One of the states above.</param>
/// <param name="Target">Where the points go (the TSDB's description).</param>
/// <param name="Topic">The output topic it reads.</param>
/// <param name="LastError">The last error it met (Kafka or the database), null before any.</param>
/// <param name="LastErrorAt">When, UTC.</param>
/// <param name="LastSuccessAt">When the database last acknowledged a batch, UTC; null before the first.</param>
/// <param name="Read">Messages read from the topic.</param>
/// <param name="Written">Points written and acknowledged.</param>
internal sealed record TsdbWriterHealth(
    string Status,
    string Target,
    string Topic,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset? LastSuccessAt,
    long Read,
    long Written);
