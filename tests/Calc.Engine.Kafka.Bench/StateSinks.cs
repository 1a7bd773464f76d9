using Calc.Engine.Runtime;
using Calc.Engine.State;
using Calc.Sdk;

namespace Calc.Engine.Kafka.Bench;

/// <summary>
/// Device state wired as <c>calc run --state</c> wires it on a stream: inputs and outputs through a
/// <see cref="StateFeed"/> to the latest-value writer and the connection tracker, flushed at every barrier.
/// </summary>
internal sealed class StateSinks : IAsyncDisposable
{
    private readonly DeviceStateWriter _latest;
    private readonly ConnectionTracker _tracker;
    private readonly StateFeed _feed;

    public StateSinks(StateConnection state)
    {
        _latest = new DeviceStateWriter(state.Database);
        _tracker = new ConnectionTracker(state.Database, new ConnectionTrackerOptions(), _ => { });
        _tracker.Start();
        _feed = new StateFeed(_latest, _tracker);
        Inputs = new Sink(this, inputs: true);
        Outputs = new Sink(this, inputs: false);
    }

    public IOutputSink Inputs { get; }

    public IOutputSink Outputs { get; }

    public DeviceStateWriterStats Stats => _latest.Stats;

    public async ValueTask DisposeAsync()
    {
        _feed.Dispose();
        await _tracker.DisposeAsync();
        await _latest.DisposeAsync();
    }

    private void FlushAll()
    {
        _feed.Drain();
        _latest.Flush();
        _tracker.FlushAsync().GetAwaiter().GetResult();
    }

    private sealed class Sink(StateSinks owner, bool inputs) : IOutputSink
    {
        public void Write(in PointRecord record)
        {
            if (inputs)
            {
                owner._feed.Add(in record);
            }
            else
            {
                owner._feed.AddOutput(in record);
            }
        }

        public void Flush() => owner.FlushAll();
    }
}
