namespace Calc.Host.Tests;

/// <summary>Tests that set <c>CALC_DATA_DIR</c> (process-wide) run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DataDirCollection
{
    public const string Name = "CALC_DATA_DIR";
}
