using System.Runtime.InteropServices;
using System.Text;

namespace Calc.Engine.Kafka.Internal;

/// <summary>
/// A bare librdkafka producer handle made through the C API of the library Confluent.Kafka loaded, for
/// the calls Confluent.Kafka does not expose (the mock cluster, the cluster id).
/// </summary>
internal static unsafe class RdKafkaHandle
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

    /// <summary>
    /// A producer handle with <paramref name="settings"/> (quiet: log level 3), or <see cref="IntPtr.Zero"/>
    /// with librdkafka's reason in <paramref name="error"/>. With <paramref name="strict"/> a setting librdkafka
    /// rejects is an error; otherwise it is left out.
    /// </summary>
    public static IntPtr NewProducer(IEnumerable<KeyValuePair<string, string>> settings, bool strict, out string? error)
    {
        var conf = ConfNew();
        foreach (var (name, value) in settings.Append(new("log_level", "3")))
        {
            if (Set(conf, name, value) is { } rejected && strict)
            {
                ConfDestroy(conf);
                error = $"librdkafka rejected {name}={value}: {rejected}";
                return IntPtr.Zero;
            }
        }

        var text = stackalloc byte[ErrorTextSize];
        var rk = KafkaNew(ProducerType, conf, text, ErrorTextSize);
        if (rk == IntPtr.Zero)
        {
            ConfDestroy(conf);
            error = Text(text);
            return IntPtr.Zero;
        }

        error = null;
        return rk;
    }

    public static void Destroy(IntPtr rk) => KafkaDestroy(rk);

    /// <summary>librdkafka's reason for each setting it rejects by itself (unknown name, wrong type, out of range).</summary>
    public static List<(string Name, string Reason)> Rejected(IEnumerable<KeyValuePair<string, string>> settings)
    {
        var rejected = new List<(string, string)>();
        var conf = ConfNew();
        try
        {
            foreach (var (name, value) in settings)
            {
                if (Set(conf, name, value) is { } reason)
                {
                    rejected.Add((name, reason));
                }
            }
        }
        finally
        {
            ConfDestroy(conf);
        }

        return rejected;
    }

    private static string? Set(IntPtr conf, string name, string value)
    {
        var n = Encoding.UTF8.GetBytes(name + "\0");
        var v = Encoding.UTF8.GetBytes(value + "\0");
        var error = stackalloc byte[ErrorTextSize];
        fixed (byte* pn = n, pv = v)
        {
            return ConfSet(conf, pn, pv, error, ErrorTextSize) == 0 ? null : Text(error);
        }
    }

    private static string Text(byte* buffer) => Marshal.PtrToStringUTF8((IntPtr)buffer) ?? string.Empty;
}
