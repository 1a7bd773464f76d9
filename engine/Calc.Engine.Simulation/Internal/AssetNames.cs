using System.Globalization;

namespace Calc.Engine.Simulation.Internal;

/// <summary>Asset ids such as <c>INV01</c> or <c>INV001</c>: zero-padded to the fleet size, at least two digits.</summary>
internal static class AssetNames
{
    public static string Format(string prefix, int number, int count)
    {
        var width = Math.Max(2, count.ToString(CultureInfo.InvariantCulture).Length);
        return prefix + number.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
    }
}
