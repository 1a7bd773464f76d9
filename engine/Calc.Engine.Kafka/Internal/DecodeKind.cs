namespace Calc.Engine.Kafka.Internal;

internal enum DecodeKind
{
    Records,
    Malformed,
    OwnJob,
}
