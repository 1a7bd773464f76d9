using System.Runtime.InteropServices;

namespace Calc.Engine.Kafka.Internal;

/// <summary>
/// Finds the librdkafka that Confluent.Kafka loaded into this process. Confluent picks a variant at run
/// time (on Debian 12 the default build lacks libsasl2.so.3, so it falls back to centos8-librdkafka.so);
/// binding to the very same mapped file keeps one copy of librdkafka's globals in the process.
/// </summary>
internal static class LoadedLibrdkafka
{
    private static readonly Lazy<IntPtr> Handle = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static IntPtr Export(string name) => NativeLibrary.GetExport(Handle.Value, name);

    /// <summary>The path of the mapped librdkafka, after making Confluent.Kafka load it.</summary>
    public static string MappedPath()
    {
        // Reading the version forces Confluent.Kafka to load (and choose) its native library.
        _ = Confluent.Kafka.Library.Version;
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            var slash = line.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                continue;
            }

            var path = line[slash..].TrimEnd();
            var file = Path.GetFileName(path);
            if (file.Contains("librdkafka", StringComparison.Ordinal) && file.Contains(".so", StringComparison.Ordinal))
            {
                return path;
            }
        }

        throw new InvalidOperationException(
            "Confluent.Kafka loaded no librdkafka shared object that /proc/self/maps shows; the embedded broker needs Linux and librdkafka.redist");
    }

    private static IntPtr Load() => NativeLibrary.Load(MappedPath());
}
