namespace Calc.Templates.Windows;

internal sealed record WindowSettings(long WindowMs, long SlideMs, long LatencyMs);
