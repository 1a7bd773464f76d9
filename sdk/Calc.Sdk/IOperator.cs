namespace Calc.Sdk;

/// <summary>
/// A stream operator: a template, a pipeline step or a partner's operator.
/// </summary>
/// <remarks>
/// <para><b>Lifecycle.</b> The engine validates a job once by calling
/// <see cref="IOperatorFactory.Define"/>, which returns an immutable <see cref="IOperatorDefinition"/>
/// (configuration parsed, expressions compiled). For each processing lane the engine then calls
/// <see cref="IOperatorDefinition.CreateInstance"/> → <see cref="Open"/> → any number of
/// <see cref="Process"/> and capability callbacks → <see cref="Close"/>. An instance is used by one
/// lane only.</para>
/// <para><b>Threading.</b> All callbacks of one instance (including those of the optional capability
/// interfaces <see cref="IWatermarkAware"/>, <see cref="IFlushable"/>, <see cref="ITimerDriven"/>,
/// <see cref="ICheckpointable"/>) are made from one thread at a time, never concurrently, so an
/// instance needs no locks. Records of one asset always reach the same instance, in arrival order.</para>
/// <para><b>Hot path.</b> <see cref="Process"/> is called for every record; it must not block, and
/// should not allocate in steady state.</para>
/// </remarks>
public interface IOperator
{
    /// <summary>Called once before the first record. Keep the context: it is valid until <see cref="Close"/>.</summary>
    void Open(IOperatorContext context);

    /// <summary>
    /// Processes one record. Records of points the operator does not use are passed too and should be
    /// ignored cheaply. Outputs are emitted through <see cref="IOperatorContext.Emit"/>.
    /// </summary>
    void Process(in PointRecord record);

    /// <summary>Called once when the job stops, after the final flush. Release resources here.</summary>
    void Close();
}
