using System.Globalization;

namespace Calc.Engine.State.Internal;

/// <summary>
/// Exclusive ownership of an embedded Garnet data directory: a lock file held open for the server's
/// life, plus an endpoint file that tells other processes where the owner listens (so that
/// <c>calc state</c> can talk to a running engine instead of opening the same files twice).
/// </summary>
internal sealed class DataDirectoryLock : IDisposable
{
    private const string LockFileName = ".calc-garnet.lock";
    private const string EndpointFileName = ".calc-garnet.endpoint";
    private readonly FileStream _lock;
    private readonly string _endpointPath;
    private bool _announced;

    private DataDirectoryLock(FileStream lockStream, string endpointPath)
    {
        _lock = lockStream;
        _endpointPath = endpointPath;
    }

    /// <summary>Takes the lock, or returns null when another server (this or another process) holds it.</summary>
    public static DataDirectoryLock? TryAcquire(string directory)
    {
        Directory.CreateDirectory(directory);
        try
        {
            var stream = new FileStream(Path.Combine(directory, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new DataDirectoryLock(stream, Path.Combine(directory, EndpointFileName));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The port the owner of <paramref name="directory"/> announced, if any.</summary>
    public static int? ReadAnnouncedPort(string directory)
    {
        var path = Path.Combine(directory, EndpointFileName);
        try
        {
            return int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Announce(int port)
    {
        File.WriteAllText(_endpointPath, port.ToString(CultureInfo.InvariantCulture));
        _announced = true;
    }

    public void Dispose()
    {
        if (_announced)
        {
            try
            {
                File.Delete(_endpointPath);
            }
            catch (IOException)
            {
                // Best effort: a stale endpoint file is ignored once the lock is free.
            }
        }

        _lock.Dispose();
    }
}
