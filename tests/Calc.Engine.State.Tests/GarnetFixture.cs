using StackExchange.Redis;

namespace Calc.Engine.State.Tests;

/// <summary>One in-memory embedded Garnet per test class, on a free port. Tests use unique org ids.</summary>
public sealed class GarnetFixture : IAsyncLifetime
{
    private StateConnection? _connection;

    public StateConnection Connection => _connection!;

    public IDatabase Database => Connection.Database;

    public int Port => Connection.Embedded!.Port;

    public async Task InitializeAsync() =>
        _connection = await StateConnection.OpenAsync(new StateConnectionOptions());

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    public static string NewOrg() => "org-" + Guid.NewGuid().ToString("N")[..12];
}
