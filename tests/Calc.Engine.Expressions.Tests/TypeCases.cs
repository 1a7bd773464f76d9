using Calc.Sdk;

namespace Calc.Engine.Expressions.Tests;

/// <summary>Comparisons, logic, strings and the type of the result.</summary>
public sealed class TypeCases : TheoryData<string, PointValue>
{
    public TypeCases()
    {
        Add("1 < 2", PointValue.FromBool(true));
        Add("2 <= 2", PointValue.FromBool(true));
        Add("3 > 4", PointValue.FromBool(false));
        Add("3 >= 4", PointValue.FromBool(false));
        Add("1 == 1", PointValue.FromBool(true));
        Add("1 = 1", PointValue.FromBool(true));
        Add("1 != 1", PointValue.FromBool(false));
        Add("1 <> 2", PointValue.FromBool(true));
        Add("true and false", PointValue.FromBool(false));
        Add("true && true", PointValue.FromBool(true));
        Add("false or true", PointValue.FromBool(true));
        Add("false || false", PointValue.FromBool(false));
        Add("not true", PointValue.FromBool(false));
        Add("!false", PointValue.FromBool(true));
        Add("1 + 1 == 2 and 3 > 2", PointValue.FromBool(true));
        Add("true == 1", PointValue.FromBool(true));
        Add("if(2, true, false)", PointValue.FromBool(true));
        Add("'abc' == 'abc'", PointValue.FromBool(true));
        Add("'abc' != 'abd'", PointValue.FromBool(true));
        Add("'abc' < 'abd'", PointValue.FromBool(true));
        Add("'b' >= 'a'", PointValue.FromBool(true));
        Add("3 in (1, 2, 3)", PointValue.FromBool(true));
        Add("4 in (1, 2, 3)", PointValue.FromBool(false));
        Add("4 not in (1, 2, 3)", PointValue.FromBool(true));
        Add("'b' in ('a', 'b')", PointValue.FromBool(true));
        Add("'a' + 'b'", PointValue.FromString("ab"));
        Add("'Site-' + 7", PointValue.FromString("Site-7"));
        Add("2.5 + ' kW'", PointValue.FromString("2.5 kW"));
        Add("'x' + true", PointValue.FromString("xtrue"));
        Add("'it\\'s'", PointValue.FromString("it's"));
        Add("\"double quoted\"", PointValue.FromString("double quoted"));
        Add("1 + 2", PointValue.FromNumber(3));
    }
}
