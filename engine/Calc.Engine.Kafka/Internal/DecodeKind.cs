namespace Calc.Engine.Kafka.Internal;

internal enum DecodeKind
{
    Records,
    Malformed,
    OwnJob,

    /// <summary>Copied, undecoded, into the batch being filled (deferred decoding).</summary>
    Deferred,
}
