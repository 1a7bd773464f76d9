namespace Calc.Engine.Metadata;

/// <summary>What <see cref="PackRemover.Remove"/> did: the versions removed, or why none was.</summary>
/// <param name="Removed">The versions removed (empty when refused or not installed).</param>
/// <param name="BuiltIn">True when refused because the pack ships with Calc.</param>
/// <param name="Users">When refused because stored jobs use it: each job and the template or operator it uses.</param>
public sealed record PackRemoval(IReadOnlyList<PackRecord> Removed, bool BuiltIn, IReadOnlyList<(string JobId, string OperatorId)> Users);
