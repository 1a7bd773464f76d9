namespace Calc.Engine.Kafka.Internal;

/// <summary>What decoding one message value gave; the records themselves are in the decoder's buffer.</summary>
internal readonly record struct DecodeOutcome(DecodeKind Kind, int Records, string? Reason, byte[]? Raw)
{
    public static DecodeOutcome Ok(int records) => new(DecodeKind.Records, records, null, null);

    public static DecodeOutcome Malformed(string reason, byte[]? raw) => new(DecodeKind.Malformed, 0, reason, raw);

    public static DecodeOutcome OwnJob => new(DecodeKind.OwnJob, 0, null, null);

    public static DecodeOutcome Deferred => new(DecodeKind.Deferred, 0, null, null);
}
