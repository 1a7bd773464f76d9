using Calc.Engine.Kafka.Internal;

namespace Calc.Engine.Kafka;

/// <summary>
/// A Kafka cluster inside this process: librdkafka's mock cluster, which speaks the real Kafka wire
/// protocol on 127.0.0.1 (any Kafka client, kcat included, can use it). For tests, demos and
/// <c>calc broker</c>; not for production data: it keeps only about 5 MB per partition (older messages
/// vanish silently) and nothing survives <see cref="Dispose"/>.
/// </summary>
/// <remarks>Thread-safe: <see cref="Start"/>, <see cref="CreateTopic"/> and <see cref="Dispose"/> take a lock.</remarks>
public sealed class EmbeddedKafkaBroker : IDisposable
{
    private readonly Lock _gate = new();
    private IntPtr _owner;
    private IntPtr _cluster;
    private bool _disposed;

    /// <summary>Comma-separated <c>host:port</c> list of the brokers; set by <see cref="Start"/>.</summary>
    public string BootstrapServers { get; private set; } = string.Empty;

    /// <summary>True between <see cref="Start"/> and <see cref="Dispose"/>.</summary>
    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _cluster != IntPtr.Zero;
            }
        }
    }

    /// <summary>Starts a cluster of <paramref name="brokers"/> brokers listening on free 127.0.0.1 ports.</summary>
    /// <param name="brokers">Number of brokers (1 or more).</param>
    /// <returns>The bootstrap servers, as <see cref="BootstrapServers"/>.</returns>
    public string Start(int brokers = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_cluster != IntPtr.Zero)
            {
                throw new InvalidOperationException("the embedded broker is already started");
            }

            _owner = MockClusterNative.NewOwnerHandle();
            _cluster = MockClusterNative.NewCluster(_owner, brokers);
            if (_cluster == IntPtr.Zero)
            {
                MockClusterNative.DestroyHandle(_owner);
                _owner = IntPtr.Zero;
                throw new InvalidOperationException("librdkafka could not start its mock cluster");
            }

            // Groups form at once instead of waiting ~3 s for more members: tests and demos start fast.
            MockClusterNative.SetInitialRebalanceDelay(_cluster, 0);
            BootstrapServers = MockClusterNative.Bootstraps(_cluster);
            return BootstrapServers;
        }
    }

    /// <summary>
    /// Creates a topic (the Admin API does not work against this broker). Topics that clients use
    /// without creating them are created with 4 partitions.
    /// </summary>
    public void CreateTopic(string name, int partitions, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_cluster == IntPtr.Zero)
            {
                throw new InvalidOperationException("start the embedded broker before creating topics");
            }

            var error = MockClusterNative.CreateTopic(_cluster, name, partitions, replicationFactor);
            if (error is not null)
            {
                throw new InvalidOperationException($"could not create topic '{name}' with {partitions} partitions: {error}");
            }
        }
    }

    /// <summary>
    /// Makes broker <paramref name="brokerId"/> (1 for a one-broker cluster) tell clients to reach it at
    /// <paramref name="host"/>:<paramref name="port"/> — e.g. a TLS terminator (stunnel) in front of it,
    /// so clients see a TLS cluster. It still listens where it did.
    /// </summary>
    public void Advertise(int brokerId, string host, int port)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_cluster == IntPtr.Zero)
            {
                throw new InvalidOperationException("start the embedded broker before changing its address");
            }

            var error = MockClusterNative.SetAdvertised(_cluster, brokerId, host, port);
            if (error is not null)
            {
                throw new InvalidOperationException($"could not advertise broker {brokerId} at {host}:{port}: {error}");
            }
        }
    }

    /// <summary>Stops the brokers; their data is gone.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_cluster != IntPtr.Zero)
            {
                MockClusterNative.DestroyCluster(_cluster);
                _cluster = IntPtr.Zero;
            }

            if (_owner != IntPtr.Zero)
            {
                MockClusterNative.DestroyHandle(_owner);
                _owner = IntPtr.Zero;
            }
        }
    }
}
