using System.Runtime.InteropServices;
using System.Text;

namespace Calc.Engine.Kafka.Internal;

/// <summary>
/// librdkafka's mock-cluster C API (rdkafka_mock.h) and the few core calls it needs, bound through
/// function pointers to the library Confluent.Kafka loaded.
/// </summary>
internal static unsafe class MockClusterNative
{
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

    private static readonly delegate* unmanaged[Cdecl]<IntPtr, int, byte*, int, int> BrokerSetHostPort =
        (delegate* unmanaged[Cdecl]<IntPtr, int, byte*, int, int>)LoadedLibrdkafka.Export("rd_kafka_mock_broker_set_host_port");

    /// <summary>A bare producer handle that owns the mock cluster (librdkafka ties the cluster to a client; it never talks to a broker).</summary>
    public static IntPtr NewOwnerHandle()
    {
        var rk = RdKafkaHandle.NewProducer([], strict: true, out var error);
        return rk != IntPtr.Zero ? rk
            : throw new InvalidOperationException("librdkafka could not create the mock cluster's client: " + error);
    }

    public static void DestroyHandle(IntPtr rk) => RdKafkaHandle.Destroy(rk);

    public static IntPtr NewCluster(IntPtr rk, int brokers) => ClusterNew(rk, brokers);

    public static void DestroyCluster(IntPtr cluster) => ClusterDestroy(cluster);

    public static string Bootstraps(IntPtr cluster) => Marshal.PtrToStringUTF8(ClusterBootstraps(cluster)) ?? string.Empty;

    public static void SetInitialRebalanceDelay(IntPtr cluster, int delayMs) => GroupInitialRebalanceDelay(cluster, delayMs);

    /// <summary>Sets the address a broker gives clients in its metadata; returns null on success, else librdkafka's error text.</summary>
    public static string? SetAdvertised(IntPtr cluster, int brokerId, string host, int port)
    {
        var name = Encoding.UTF8.GetBytes(host + "\0");
        fixed (byte* p = name)
        {
            var err = BrokerSetHostPort(cluster, brokerId, p, port);
            return err == 0 ? null : Marshal.PtrToStringUTF8(Err2Str(err)) + $" (error {err})";
        }
    }

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
}
