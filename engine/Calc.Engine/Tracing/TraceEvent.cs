using Calc.Sdk;

namespace Calc.Engine.Tracing;

/// <summary>
/// One trace line: what step <see cref="Step"/> (<see cref="StepPath"/>, <see cref="Operator"/>) did with the
/// record of <see cref="AssetId"/>/<see cref="Point"/> at <see cref="Time"/>; <see cref="Watermark"/> is the
/// step's watermark of the asset before the record (null before the first).
/// </summary>
public sealed record TraceEvent(
    string AssetId,
    string Point,
    long Time,
    string Value,
    int Step,
    string StepPath,
    string Operator,
    TraceKind Kind,
    string Detail,
    long? Watermark);
