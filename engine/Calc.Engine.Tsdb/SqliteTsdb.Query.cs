using Calc.Engine.Tsdb.Internal;

namespace Calc.Engine.Tsdb;

public sealed partial class SqliteTsdb
{
    /// <summary>
    /// One point of one asset over [<paramref name="from"/>, <paramref name="to"/>) (epoch ms; null for
    /// open ends), raw or, with <paramref name="every"/> (ms) and <paramref name="agg"/>, one value per
    /// epoch-aligned bucket that holds numeric or boolean values. Sorted by org, model, then time.
    /// </summary>
    public IReadOnlyList<TsdbSample> Query(string asset, string point, long? from = null, long? to = null,
        long? every = null, TsdbAggregation? agg = null, string? org = null) =>
        Query(new TsdbQuery(asset, point) { From = from, To = to, Every = every, Aggregation = agg, OrgId = org });

    /// <summary>Runs <paramref name="query"/> on a connection of its own.</summary>
    /// <exception cref="ArgumentException">The query is inconsistent (see <see cref="TsdbQuery.Validate"/>).</exception>
    public IReadOnlyList<TsdbSample> Query(TsdbQuery query)
    {
        using var connection = SqliteSchema.OpenForReading(_options.Path);
        return SqliteQueryRunner.Run(connection, query);
    }

    /// <summary>Runs <paramref name="query"/> on the store file at <paramref name="path"/>, read-only.</summary>
    /// <exception cref="FileNotFoundException">There is no store at <paramref name="path"/>.</exception>
    public static IReadOnlyList<TsdbSample> Query(string path, TsdbQuery query)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no embedded TSDB at {path}", path);
        }

        using var connection = SqliteSchema.OpenForReading(path);
        return SqliteQueryRunner.Run(connection, query);
    }
}
