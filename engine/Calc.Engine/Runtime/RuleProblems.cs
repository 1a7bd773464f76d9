namespace Calc.Engine.Runtime;

/// <summary>
/// The last few distinct problem messages of a job's rules (a script that throws, an expression whose
/// reference has the wrong type), newest last, for the run summary, test responses and job status.
/// Thread-safe; only touched when a rule fails, never on the normal per-record path.
/// </summary>
public sealed class RuleProblems
{
    /// <summary>How many distinct messages are kept.</summary>
    public const int Capacity = 5;

    private readonly List<string> _messages = new(Capacity);
    private readonly Lock _gate = new();

    /// <summary>The kept messages, oldest first.</summary>
    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Keeps <paramref name="message"/> (moved to the end if already kept); returns true when it was new.</summary>
    public bool Add(string message)
    {
        lock (_gate)
        {
            var known = _messages.IndexOf(message);
            if (known >= 0)
            {
                _messages.RemoveAt(known);
                _messages.Add(message);
                return false;
            }

            if (_messages.Count == Capacity)
            {
                _messages.RemoveAt(0);
            }

            _messages.Add(message);
            return true;
        }
    }

    /// <summary>Adds every message of <paramref name="other"/>, in order.</summary>
    public void AddFrom(RuleProblems other)
    {
        foreach (var message in other.Messages)
        {
            Add(message);
        }
    }
}
