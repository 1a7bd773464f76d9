namespace Calc.Engine.Simulation.Internal;

/// <summary>Coefficients of the wind processes for one sample interval, computed once per fleet.</summary>
internal readonly record struct WindStep(
    double SlowRho,
    double FastRho,
    double FastNoise,
    double DirectionRho,
    double DirectionNoise,
    double SlowScale,
    double FastScale,
    double GustScale)
{
    public static WindStep For(long intervalMs)
    {
        var slowRho = Math.Exp(-intervalMs / (WindCalibration.SlowTauHours * 3_600_000));
        var fastRho = Math.Exp(-intervalMs / (WindCalibration.FastTauHours * 3_600_000));
        var directionRho = Math.Exp(-intervalMs / (WindCalibration.DirectionTauMinutes * 60_000));
        return new WindStep(
            slowRho,
            fastRho,
            Math.Sqrt(1 - (fastRho * fastRho)),
            directionRho,
            WindCalibration.DirectionSpread * Math.Sqrt(1 - (directionRho * directionRho)),
            Math.Sqrt(WindCalibration.SlowWeight),
            Math.Sqrt(WindCalibration.FastWeight),
            Math.Sqrt(WindCalibration.GustWeight));
    }
}
