using System.Runtime.InteropServices;
using System.Text;

namespace Calc.Engine.Kafka.Internal;

/// <summary>
/// The Kafka cluster id (from the brokers' metadata) through librdkafka's <c>rd_kafka_clusterid</c>, which
/// Confluent.Kafka does not expose; DescribeCluster would need a controller, which the embedded broker lacks.
/// A short-lived client with the consumer's connection settings asks once per run.
/// </summary>
internal static unsafe class ClusterIdNative
{
    private const int ProducerType = 0;
    private const int ErrorTextSize = 512;

    private static readonly delegate* unmanaged[Cdecl]<IntPtr> ConfNew =
        (delegate* unmanaged[Cdecl]<IntPtr>)LoadedLibrdkafka.Export("rd_kafka_conf_new");

    private static readonly delegate* unmanaged[Cdecl]<IntPtr, byte*, byte*, byte*, nuint, int> ConfSet =
        (delegate* unmanaged[Cdecl]<IntPtr, byte*, byte*, byte*, nuint, int>)LoadedLibrdkafka.Export("rd_kafka_conf_set");

    private static readonly delegate* unmanaged[Cdecl]<IntPtr, void> ConfDestroy =
        (delegate* unmanaged[Cdecl]<IntPtr, void>)LoadedLibrdkafka.Export("rd_kafka_conf_destroy");

    private static readonly delegate* unmanaged[Cdecl]<int, IntPtr, byte*, nuint, IntPtr> KafkaNew =
        (delegate* unmanaged[Cdecl]<int, IntPtr, byte*, nuint, IntPtr>)LoadedLibrdkafka.Export("rd_kafka_new");

    private static readonly delegate* unmanaged[Cdecl]<IntPtr, void> KafkaDestroy =
        (delegate* unmanaged[Cdecl]<IntPtr, void>)LoadedLibrdkafka.Export("rd_kafka_destroy");

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
        var conf = ConfNew();
        foreach (var (name, value) in config)
        {
            if (IsConnectionSetting(name))
            {
                Set(conf, name, value);
            }
        }

        Set(conf, "log_level", "3");
        var error = stackalloc byte[ErrorTextSize];
        var rk = KafkaNew(ProducerType, conf, error, ErrorTextSize);
        if (rk == IntPtr.Zero)
        {
            ConfDestroy(conf);
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
            KafkaDestroy(rk);
        }
    }

    private static bool IsConnectionSetting(string name) =>
        name is "bootstrap.servers" or "client.id" || name.StartsWith("security.", StringComparison.Ordinal)
        || name.StartsWith("sasl.", StringComparison.Ordinal) || name.StartsWith("ssl.", StringComparison.Ordinal);

    private static void Set(IntPtr conf, string name, string value)
    {
        var n = Encoding.UTF8.GetBytes(name + "\0");
        var v = Encoding.UTF8.GetBytes(value + "\0");
        var error = stackalloc byte[ErrorTextSize];
        fixed (byte* pn = n, pv = v)
        {
            _ = ConfSet(conf, pn, pv, error, ErrorTextSize);
        }
    }
}
