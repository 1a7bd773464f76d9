using Calc.Engine.Hosting.Settings;
using Calc.Sdk;

namespace Calc.Engine.Hosting;

/// <summary>
/// The settings of the command being run (<c>calc.json</c>, <c>CALC_</c> variables), set by
/// <see cref="Cli"/> for its call and what it starts; code outside a command reads the environment only.
/// </summary>
internal static class HostSettings
{
    private static readonly AsyncLocal<CalcSettings?> Scoped = new();
    private static CalcSettings? _service;

    /// <summary>The command's settings; in <c>calc serve</c>'s request handlers (which do not inherit the command's flow) the service's.</summary>
    public static CalcSettings Current => Scoped.Value ?? _service ?? SettingsLoader.Load(null, new ProblemList());

    /// <summary>For <c>calc serve</c>: its settings for every thread of the process until disposed.</summary>
    public static IDisposable UseForService(CalcSettings settings)
    {
        _service = settings;
        return new Reset();
    }

    public static void Use(CalcSettings settings) => Scoped.Value = settings;

    /// <summary>Whether the key was set (by a file or a variable) rather than left at its default.</summary>
    public static bool IsSet(string key) => Current.Values.Any(v => v.Key == key);

    private sealed class Reset : IDisposable
    {
        public void Dispose() => _service = null;
    }
}
