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
            var misbehave = p.Enum("misbehave", ["none", "exit", "stackOverflow", "allocate", "spin"], "none")!;
            var asset = p.String("failOnAsset");
            return input is null || output is null ? null : new Definition(input.Value, output.Value, failIn, asset, stuckIn, misbehave);
        }
    }

    private sealed record Definition(PointRef Input, PointRef Output, string FailIn, string? FailOnAsset, string StuckIn, string Misbehave) : IOperatorDefinition
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

            if (definition.Misbehave != "none" && (definition.FailOnAsset is null || record.AssetId == definition.FailOnAsset))
            {
                Misbehave(definition.Misbehave);
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

        /// <summary>What only a separate process contains: each of these ends or pins the process it runs in.</summary>
        private static void Misbehave(string how)
        {
            switch (how)
            {
                case "exit":
                    Environment.Exit(3);
                    break;
                case "stackOverflow":
                    Recurse(0);
                    break;
                case "allocate":
                    while (true)
                    {
                        Hoard.Add(new byte[16 << 20]);
                        Array.Fill(Hoard[^1], (byte)1);
                    }

                case "spin":
                    var n = 0L;
                    while (true)
                    {
                        n = unchecked(n * 31 + 7);
                        Volatile.Write(ref Sink, n);
                    }
            }
        }

        private static readonly List<byte[]> Hoard = [];
        private static long Sink;

        private static long Recurse(long depth)
        {
            Span<long> frame = stackalloc long[64];
            frame[0] = depth;
            return Recurse(depth + 1) + frame[(int)(depth & 63)];
        }

        private void FailIf(string phase, string? assetId)
        {
            if (definition.FailIn == phase && (assetId is null || definition.FailOnAsset is null || assetId == definition.FailOnAsset))
            {
                throw new InvalidOperationException($"boom in {phase}");
            }
        }
    }
}
