namespace Calc.Host;

/// <summary>The standard streams a command uses (so tests can run commands in-process).</summary>
internal sealed record ConsoleIo(TextReader In, TextWriter Out, TextWriter Error);
