using System.Globalization;

namespace Calc.Templates.Energy;

/// <summary>Formatting for the energy templates' trace lines.</summary>
internal abstract partial class EnergyOperator
{
    /// <summary>A time as trace lines give it: ISO-8601 UTC.</summary>
    protected static string Iso(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>A trace line with numbers in the invariant culture.</summary>
    protected static string Text(FormattableString text) => FormattableString.Invariant(text);
}
