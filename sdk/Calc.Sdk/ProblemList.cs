namespace Calc.Sdk;

/// <summary>
/// Collects every problem of a job so that all of them are reported at once. Validation code adds
/// to it and goes on; the engine refuses to start a job whose list is not empty.
/// </summary>
public sealed class ProblemList
{
    private readonly List<Problem> _problems = [];

    /// <summary>The problems found so far, in the order they were found.</summary>
    public IReadOnlyList<Problem> Items => _problems;

    /// <summary>True when no problem was found.</summary>
    public bool IsEmpty => _problems.Count == 0;

    /// <summary>Adds one problem.</summary>
    public void Add(string path, string message) => _problems.Add(new Problem(path, message));

    /// <summary>Joins a parent path and a property name (<c>a.b</c>) or an index (<c>a[2]</c>).</summary>
    public static string Join(string parent, string property) =>
        string.IsNullOrEmpty(parent) ? property : parent + "." + property;

    /// <summary>Joins a parent path and an array index.</summary>
    public static string Index(string parent, int index) => parent + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
}
