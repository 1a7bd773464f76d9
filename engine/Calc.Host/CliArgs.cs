namespace Calc.Host;

/// <summary>Command-line arguments after the command: positionals and <c>--name value</c> options.</summary>
internal sealed class CliArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    public List<string> Errors { get; } = [];

    /// <summary>Parses; options not in <paramref name="valued"/> or <paramref name="flags"/> are errors.</summary>
    public static CliArgs Parse(IReadOnlyList<string> args, string[] valued, string[]? flags = null)
    {
        flags ??= [];
        var result = new CliArgs();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                result.Positional.Add(arg);
                continue;
            }

            var name = arg[2..];
            string? inline = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                inline = name[(eq + 1)..];
                name = name[..eq];
            }

            if (Array.IndexOf(flags, name) >= 0)
            {
                result._options[name] = inline ?? "true";
            }
            else if (Array.IndexOf(valued, name) >= 0)
            {
                var value = inline ?? (i + 1 < args.Count ? args[++i] : null);
                if (value is null)
                {
                    result.Errors.Add($"--{name} needs a value");
                }

                result._options[name] = value;
            }
            else
            {
                var known = valued.Concat(flags).Select(o => "--" + o);
                result.Errors.Add($"unknown option --{name} (options here: {string.Join(", ", known)})");
            }
        }

        return result;
    }

    public string? Get(string name) => _options.TryGetValue(name, out var value) ? value : null;

    public bool Has(string name) => _options.ContainsKey(name);

    /// <summary>
    /// <c>--NAME TIME</c> as epoch ms (epoch milliseconds or ISO-8601); null when it is absent or not a time,
    /// with the problem added to <see cref="Errors"/> (absent is a problem only when <paramref name="required"/>).
    /// </summary>
    public long? GetTime(string name, bool required = false)
    {
        if (Get(name) is not { } text)
        {
            if (required)
            {
                Errors.Add($"--{name} TIME is required");
            }

            return null;
        }

        if (Calc.Engine.Tsdb.TsdbTime.TryParse(text, out var time))
        {
            return time;
        }

        Errors.Add($"--{name} '{text}' is not a time: give epoch milliseconds (1514851200000) or ISO-8601 (2018-01-02T00:00:00Z)");
        return null;
    }
}
