using System.Runtime.InteropServices;
using System.Text;

namespace Calc.Engine.Kafka.Internal;

/// <summary>
/// librdkafka's mock-cluster C API (rdkafka_mock.h) and the few core calls it needs, bound through
/// function pointers to the library Confluent.Kafka loaded.
/// </summary>
internal static unsafe class MockClusterNative
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

    private static readonly delegate* unmanaged[Cdecl]<int, IntPtr> Err2Str =
        (delegate* unmanaged[Cdecl]<int, IntPtr>)LoadedLibrdkafka.Export("rd_kafka_err2str");

    private static readonly delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr> ClusterNew =
        (delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr>)LoadedLibrdkafka.Export("rd_kafka_mock_cluster_new");

    private static readonly delegate* unmanaged[Cdecl]<IntPtr, void> ClusterDestroy =
        (delegate* unmanaged[Cdecl]<IntPtr, void>)LoadedLibrdkafka.Export("rd_kafka_mock_cluster_destroy");

    private static readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr> ClusterBootstraps =
        (delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)LoadedLibrdkafka.Export("rd_kafka_mock_cluster_bootstraps");

    private static readonly delegate* unmanaged[Cdecl]<IntPtr, byte*, int, int, int> TopicCreate =
        (delegate* unmanaged[Cdecl]<IntPtr, byte*, int, int, int>)LoadedLibrdkafka.Export("rd_kafka_mock_topic_create");

    private static readonly delegate* unmanaged[Cdecl]<IntPtr, int, void> GroupInitialRebalanceDelay =
        (delegate* unmanaged[Cdecl]<IntPtr, int, void>)LoadedLibrdkafka.Export("rd_kafka_mock_group_initial_rebalance_delay_ms");

    /// <summary>A bare producer handle that owns the mock cluster (librdkafka ties the cluster to a client).</summary>
    public static IntPtr NewOwnerHandle()
    {
        var conf = ConfNew();
        // Quiet: the owner never talks to a broker, so "no bootstrap.servers" notices are noise.
        Set(conf, "log_level", "3");
        var error = stackalloc byte[ErrorTextSize];
        var rk = KafkaNew(ProducerType, conf, error, ErrorTextSize);
        if (rk == IntPtr.Zero)
        {
            ConfDestroy(conf);
            throw new InvalidOperationException("librdkafka could not create the mock cluster's client: " + Text(error));
        }

        return rk;
    }

    public static void DestroyHandle(IntPtr rk) => KafkaDestroy(rk);

    public static IntPtr NewCluster(IntPtr rk, int brokers) => ClusterNew(rk, brokers);

    public static void DestroyCluster(IntPtr cluster) => ClusterDestroy(cluster);

    public static string Bootstraps(IntPtr cluster) => Marshal.PtrToStringUTF8(ClusterBootstraps(cluster)) ?? string.Empty;

    public static void SetInitialRebalanceDelay(IntPtr cluster, int delayMs) => GroupInitialRebalanceDelay(cluster, delayMs);

    /// <summary>Creates a topic; returns null on success, else librdkafka's error text.</summary>
    public static string? CreateTopic(IntPtr cluster, string topic, int partitions, int replicationFactor)
    {
        var name = Encoding.UTF8.GetBytes(topic + "\0");
        fixed (byte* p = name)
        {
            var err = TopicCreate(cluster, p, partitions, replicationFactor);
            return err == 0 ? null : Marshal.PtrToStringUTF8(Err2Str(err)) + $" (error {err})";
        }
    }

    private static void Set(IntPtr conf, string name, string value)
    {
        var n = Encoding.UTF8.GetBytes(name + "\0");
        var v = Encoding.UTF8.GetBytes(value + "\0");
        var error = stackalloc byte[ErrorTextSize];
        fixed (byte* pn = n, pv = v)
        {
            if (ConfSet(conf, pn, pv, error, ErrorTextSize) != 0)
            {
                throw new InvalidOperationException($"librdkafka rejected {name}={value}: {Text(error)}");
            }
        }
    }

    private static string Text(byte* buffer) => Marshal.PtrToStringUTF8((IntPtr)buffer) ?? string.Empty;
}
