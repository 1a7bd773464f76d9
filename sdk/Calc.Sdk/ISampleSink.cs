namespace Calc.Sdk;

/// <summary>Receives the records a preprocessor releases, in event order.</summary>
public interface ISampleSink
{
    /// <summary>
    /// One record after preprocessing. <paramref name="value"/> is the (possibly repaired) number;
    /// it is <see cref="double.NaN"/> when <paramref name="status"/> is <see cref="SampleStatus.Invalid"/>.
    /// </summary>
    void OnSample(in PointRecord record, double value, SampleStatus status);
}
