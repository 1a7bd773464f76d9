namespace Calc.Engine.Steps;

/// <summary>The installed name a misspelled one most likely meant (edit distance), for "did you mean" messages.</summary>
internal static class NameSuggestion
{
    /// <summary>The closest of <paramref name="names"/> within a third of the name's length (at least 2 edits), or null.</summary>
    public static string? Closest(string name, IEnumerable<string> names)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var limit = Math.Max(2, name.Length / 3);
        foreach (var candidate in names)
        {
            var distance = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance <= limit && distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
