using System.Text.Json;
using Calc.Engine.Jobs;
using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Engine.Steps;

/// <summary>
/// <c>{"op":"threshold","input":…,"threshold":…,"interpolation":…}</c>: SPEC §3 on one point. Valid
/// records pass, repaired ones pass with the repaired value (quality 0), invalid ones are filtered
/// (counted per reason). Other points pass untouched.
/// </summary>
internal sealed class ThresholdStep(PointRef input, PreprocessOptions options) : IOperatorDefinition
{
    public IReadOnlyList<PointRef> Inputs => [input];

    public IReadOnlyList<PointRef> Outputs => [input];

    public SourceRange? SourceOf(PointRef output, long time) => new SourceRange(time, time);

    public static CompiledStep? Define(PipelineStepDefinition step, ProblemList problems)
    {
        JsonShape.NoUnknownFields(step.Json, step.Path, problems, "op", "input", "threshold", "interpolation", "maxGap", "maxRate");
        var input = JsonShape.Point(step.Json, "input", step.Path, problems, required: true);
        if (!step.Json.TryGetProperty("threshold", out _) && !step.Json.TryGetProperty("maxRate", out _))
        {
            problems.Add(ProblemList.Join(step.Path, "threshold"), "required: a threshold step needs a threshold interval (or a maxRate)");
        }

        var options = PreprocessParser.Parse(step.Json, step.Path, problems);
        return input is null ? null : new CompiledStep(step.Path, "threshold", new ThresholdStep(input.Value, options), IsFilter: true);
    }

    /// <summary>Only a threshold that repairs (lastValue, linear) or checks rates looks at earlier values: only that one has state to checkpoint.</summary>
    public IOperator CreateInstance() =>
        options.Interpolation == InterpolationMode.Ignore && options.MaxRatePerHour is null ? new Instance(input, options) : new StatefulInstance(input, options);

    private sealed class StatefulInstance(PointRef input, PreprocessOptions options) : Instance(input, options), ICheckpointable
    {
        public void WriteCheckpoint(Utf8JsonWriter writer) => Preprocessor.WriteCheckpoint(writer);

        public void RestoreCheckpoint(JsonElement state) => Preprocessor.RestoreCheckpoint(state);
    }

    private class Instance(PointRef input, PreprocessOptions options) : IOperator, IFlushable, ISampleSink
    {
        private IOperatorContext _context = null!;
        private IPreprocessor _preprocessor = null!;

        protected IPreprocessor Preprocessor => _preprocessor;

        public void Open(IOperatorContext context)
        {
            _context = context;
            _preprocessor = context.Preprocessing.Create(options);
        }

        public void Process(in PointRecord record)
        {
            if (input.Matches(in record))
            {
                _preprocessor.Process(in record, this);
            }
            else
            {
                _context.Emit(in record);
            }
        }

        public void OnSample(in PointRecord record, double value, SampleStatus status)
        {
            if (status == SampleStatus.Valid)
            {
                _context.Emit(in record);
            }
            else if (status == SampleStatus.Repaired)
            {
                _context.Emit(record with { Value = PointValue.FromNumber(value), Quality = 0 });
            }
        }

        public void FlushAsset(string assetId) => _preprocessor.Flush(assetId, this);

        public void FlushAll() => _preprocessor.FlushAll(this);

        public void Close()
        {
        }
    }
}
