using Calc.Sdk;

namespace Calc.Engine.Hosting.Settings;

/// <summary><c>calc config show</c>: every effective setting, where it came from, secrets masked.</summary>
public static class SettingsReport
{
    public static void Write(CalcSettings settings, ProblemList problems, IReadOnlyList<string> notes, TextWriter output)
    {
        output.WriteLine(settings.File is null
            ? $"calc configuration (no {SettingsLoader.FileName}: give --config PATH or {SettingsLoader.Prefix}CONFIG, or put one in the data directory)"
            : $"calc configuration from {settings.File}");
        var rows = new List<(string Key, string Value, string Source)>
        {
            ("dataDir", settings.DataDir, Source(settings, "dataDir")),
            ("logLevel", settings.LogLevel.ToString(), Source(settings, "logLevel")),
            ("kafka.bootstrapServers", settings.Kafka.BootstrapServers ?? "(none: calc serve starts the embedded broker)", Source(settings, "kafka.bootstrapServers")),
        };
        foreach (var value in settings.Values)
        {
            if (value.Key is not ("dataDir" or "logLevel" or "kafka.bootstrapServers"))
            {
                rows.Add((value.Key, value.Shown, value.Source));
            }
        }

        var width = rows.Max(r => r.Key.Length) + 2;
        var valueWidth = Math.Min(48, rows.Max(r => r.Value.Length) + 2);
        foreach (var (key, value, source) in rows)
        {
            output.WriteLine($"  {key.PadRight(width)}{value.PadRight(Math.Max(valueWidth, value.Length + 2))}{source}");
        }

        foreach (var note in notes)
        {
            output.WriteLine("  note: " + note);
        }

        if (problems.Items.Count > 0)
        {
            output.WriteLine($"{problems.Items.Count} problem{(problems.Items.Count == 1 ? "" : "s")}:");
            foreach (var problem in problems.Items)
            {
                output.WriteLine("  " + problem);
            }
        }
    }

    private static string Source(CalcSettings settings, string key) =>
        settings.Values.FirstOrDefault(v => v.Key == key)?.Source ?? "default";
}
