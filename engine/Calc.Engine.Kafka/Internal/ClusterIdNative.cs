using System.Runtime.InteropServices;

namespace Calc.Engine.Kafka.Internal;

/// <summary>
/// The Kafka cluster id (from the brokers' metadata) through librdkafka's <c>rd_kafka_clusterid</c>, which
/// Confluent.Kafka does not expose; DescribeCluster would need a controller, which the embedded broker lacks.
/// A short-lived client with the consumer's connection settings asks once per run.
/// </summary>
internal static unsafe class ClusterIdNative
{
    private static readonly delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr> ClusterId =
        (delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr>)LoadedLibrdkafka.Export("rd_kafka_clusterid");

    private static readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr, void> MemFree =
        (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, void>)LoadedLibrdkafka.Export("rd_kafka_mem_free");

    /// <summary>
    /// The cluster id, or null when the brokers did not give one in time (old brokers have none). Only the
    /// connection settings of <paramref name="config"/> that a producer accepts are used.
    /// </summary>
    public static string? Get(IEnumerable<KeyValuePair<string, string>> config, TimeSpan timeout)
    {
        var rk = RdKafkaHandle.NewProducer(config.Where(c => IsConnectionSetting(c.Key)), strict: false, out _);
        if (rk == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            var id = ClusterId(rk, (int)timeout.TotalMilliseconds);
            if (id == IntPtr.Zero)
            {
                return null;
            }

            var text = Marshal.PtrToStringUTF8(id);
            MemFree(rk, id);
            return text;
        }
        finally
        {
            RdKafkaHandle.Destroy(rk);
        }
    }

    private static bool IsConnectionSetting(string name) =>
        name is "bootstrap.servers" or "client.id" || name.StartsWith("security.", StringComparison.Ordinal)
        || name.StartsWith("sasl.", StringComparison.Ordinal) || name.StartsWith("ssl.", StringComparison.Ordinal);
}
