namespace Calc.Engine.Simulation.Internal;

/// <summary>Tail probabilities of the standard normal distribution (.NET has no erf).</summary>
internal static class StandardNormal
{
    /// <summary>P(Z &gt; z) = erfc(z / sqrt 2) / 2, relative error below 1.2e-7 (Numerical Recipes' erfc).</summary>
    public static double UpperTail(double z)
    {
        var x = Math.Abs(z) / Math.Sqrt(2);
        var t = 1 / (1 + (0.5 * x));
        var poly = -1.26551223 + (t * (1.00002368 + (t * (0.37409196 + (t * (0.09678418 + (t * (-0.18628806
            + (t * (0.27886807 + (t * (-1.13520398 + (t * (1.48851587 + (t * (-0.82215223 + (t * 0.17087277)))))))))))))))));
        var erfc = t * Math.Exp((-x * x) + poly);
        return z >= 0 ? erfc / 2 : 1 - (erfc / 2);
    }
}
