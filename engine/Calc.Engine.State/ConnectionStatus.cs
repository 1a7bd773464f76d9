namespace Calc.Engine.State;

/// <summary>Connection status of an asset.</summary>
public enum ConnectionStatus
{
    /// <summary>Not known yet.</summary>
    Unknown = 0,

    /// <summary>Sending data, or said so with a connection event.</summary>
    Online,

    /// <summary>Said so with a connection event, or silent for its model's inactivity timeout.</summary>
    Offline,
}
