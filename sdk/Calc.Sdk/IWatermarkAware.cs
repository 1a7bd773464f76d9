namespace Calc.Sdk;

/// <summary>
/// Optional capability: the operator is told when the event-time progress (watermark) of an asset
/// advances at its step.
/// </summary>
/// <remarks>
/// <para>Each step of a job keeps its own watermark per asset: the largest event time of that
/// asset's records that reached the step. One slow asset never holds back another.</para>
/// <para>A record reaches a step after the earlier steps have processed it and passed on what it
/// made them emit or release (a window it closed, a linear repair it completed). The step's operator
/// processes it (<see cref="IOperator.Process"/>, during which <see cref="IOperatorContext.GetWatermark"/>
/// still returns the watermark before it); then, if its time is later than the step's watermark of
/// the asset, the watermark moves to it and <see cref="OnWatermark"/> is called; then the record goes
/// on to the next step. So a record an earlier step emits or releases because of a record arrives
/// before that record and is judged against the watermark the step had before it: it is never late
/// merely because the lane read the input record first.</para>
/// <para>Records that count: every record that reaches the step — the job's input records, also those
/// an earlier filter step (<c>select</c>, <c>threshold</c>) dropped or holds, which move the watermark as
/// if they had been passed on — and the output records of earlier steps, for the asset they are
/// about (a group's own asset, for example). The watermark never moves backwards, is kept in
/// checkpoints, and is not moved by timers, idle close or the end of input (those call
/// <see cref="IFlushable"/>).</para>
/// </remarks>
public interface IWatermarkAware
{
    /// <summary>
    /// Called after the watermark of <paramref name="assetId"/> at this operator's step moved forward to
    /// <paramref name="watermark"/> (epoch ms): after the record that moved it has been processed by this
    /// operator, before it goes on to the next step. Close what ends at or before the watermark here.
    /// </summary>
    void OnWatermark(string assetId, long watermark);
}
