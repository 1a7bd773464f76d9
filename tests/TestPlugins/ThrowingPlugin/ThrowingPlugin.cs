using System.Text.Json;
using Calc.Sdk;

namespace ThrowingPlugin;

/// <summary>
/// Registers <c>test.throwing</c>: copies input to output, throws where its <c>failIn</c> param says, and
/// never returns where <c>stuckIn</c> says (a lane stuck on a record; it sleeps, so it holds no core).
/// </summary>
public sealed class ThrowingPlugin : ICalcPlugin
{
    public void Register(IPluginRegistry registry) => registry.Add(new Factory());

    private sealed class Factory : IOperatorFactory
    {
        public string Id => "test.throwing";

        public OperatorKind Kind => OperatorKind.Operator;

        public IOperatorDefinition? Define(OperatorSpec spec, IDefinitionContext context, ProblemList problems)
        {
            var p = SpecReader.Params(spec, problems);
            var input = p.Point("input", required: true);
            var output = p.Point("output", required: true);
            var failIn = p.Enum("failIn", ["none", "open", "process", "watermark", "timer", "flushAsset", "flushAll", "close", "checkpoint"], "none")!;
            var stuckIn = p.Enum("stuckIn", ["none", "process"], "none")!;
            var asset = p.String("failOnAsset");
            return input is null || output is null ? null : new Definition(input.Value, output.Value, failIn, asset, stuckIn);
        }
    }

    private sealed record Definition(PointRef Input, PointRef Output, string FailIn, string? FailOnAsset, string StuckIn) : IOperatorDefinition
    {
        public IReadOnlyList<PointRef> Inputs => [Input];

        public IReadOnlyList<PointRef> Outputs => [Output];

        public IOperator CreateInstance() => new Operator(this);
    }

    private sealed class Operator(Definition definition) : IOperator, IWatermarkAware, ITimerDriven, IFlushable, ICheckpointable
    {
        private IOperatorContext _context = null!;

        public long TimerPeriodMs => 1_000;

        public void Open(IOperatorContext context)
        {
            _context = context;
            FailIf("open", null);
        }

        public void Process(in PointRecord record)
        {
            if (!definition.Input.Matches(in record))
            {
                return;
            }

            FailIf("process", record.AssetId);
            if (definition.StuckIn == "process" && (definition.FailOnAsset is null || record.AssetId == definition.FailOnAsset))
            {
                while (true)
                {
                    Thread.Sleep(1_000);
                }
            }

            _context.Emit(PointRecord.Derive(in record, definition.Output.PointId, record.Time, record.Value));
        }

        public void OnWatermark(string assetId, long watermark) => FailIf("watermark", assetId);

        public void OnTimer(long nowMs) => FailIf("timer", null);

        public void FlushAsset(string assetId) => FailIf("flushAsset", assetId);

        public void FlushAll() => FailIf("flushAll", null);

        public void WriteCheckpoint(Utf8JsonWriter writer)
        {
            FailIf("checkpoint", null);
            writer.WriteNullValue();
        }

        public void RestoreCheckpoint(JsonElement state)
        {
        }

        public void Close() => FailIf("close", null);

        private void FailIf(string phase, string? assetId)
        {
            if (definition.FailIn == phase && (assetId is null || definition.FailOnAsset is null || assetId == definition.FailOnAsset))
            {
                throw new InvalidOperationException($"boom in {phase}");
            }
        }
    }
}
