namespace Calc.Engine.Simulation.Internal;

/// <summary>One wind turbine: wind speed as a Weibull-distributed correlated process, power from the curve.</summary>
internal sealed class Turbine : SimAsset
{
    private const int Active = 0;
    private const int Speed = 1;
    private const int Theoretical = 2;
    private const int Direction = 3;
    private static readonly int[] StuckCandidates = [Active, Speed, Direction];

    private readonly double _speedFactor;
    private readonly double _directionOffset;
    private double _fast;
    private double _deviation;
    private long _curtailUntil = long.MinValue;
    private double _curtailLimit;

    public Turbine(string assetId, WindSite site, Rng rng)
        : base(assetId, site.SiteId, rng, 4)
    {
        Site = site;
        _speedFactor = rng.Uniform(0.95, 1.05);
        _directionOffset = rng.Uniform(-5, 5);
        _fast = rng.Normal();
    }

    public WindSite Site { get; }

    public void Tick(long t, in WindStep step, FaultPlan plan, TickWriter writer, bool siteSilent)
    {
        _fast = (step.FastRho * _fast) + (step.FastNoise * Rng.Normal());
        _deviation = (step.DirectionRho * _deviation) + (step.DirectionNoise * Rng.Normal());
        var z = (step.SlowScale * Site.Slow) + (step.FastScale * _fast) + (step.GustScale * Rng.Normal());
        var weibull = WindCalibration.WeibullScale * Math.Pow(-Math.Log(StandardNormal.UpperTail(z)), 1 / WindCalibration.WeibullShape);
        var speed = Math.Max(0, (_speedFactor * weibull) + Site.Diurnal);
        if (speed > WindCalibration.TailKnee)
        {
            const double room = WindCalibration.TailLimit - WindCalibration.TailKnee;
            speed = WindCalibration.TailKnee + (room * Math.Tanh((speed - WindCalibration.TailKnee) / room));
        }

        var theoretical = TurbinePowerCurve.Evaluate(speed);
        var power = Power(speed);
        if (t < _curtailUntil)
        {
            power = Math.Min(power, _curtailLimit);
        }
        else if (Rng.Chance(plan.Curtailment))
        {
            _curtailUntil = t + (long)Rng.LogUniform(plan.CurtailMinMs, plan.CurtailMaxMs);
            _curtailLimit = Rng.Chance(WindCalibration.StopShare) ? 0 : Rng.Uniform(0.2, 0.6) * TurbinePowerCurve.RatedPower;
            power = Math.Min(power, _curtailLimit);
            writer.CountCurtailment();
        }

        var direction = (Site.Prevailing + _directionOffset + _deviation) % 360;
        if (direction < 0)
        {
            direction += 360;
        }

        if (siteSilent || InOutage(t, plan, writer))
        {
            writer.CountMissingSample();
            return;
        }

        MaybeStick(t, plan, StuckCandidates, writer);
        writer.Emit(this, FleetPoints.TurbineModel, Active, FleetPoints.ActivePower, power, instant: true);
        writer.Emit(this, FleetPoints.TurbineModel, Speed, FleetPoints.WindSpeed, speed, instant: true);
        writer.Emit(this, FleetPoints.TurbineModel, Theoretical, FleetPoints.TheoreticalPower, theoretical, instant: false);
        writer.Emit(this, FleetPoints.TurbineModel, Direction, FleetPoints.WindDirection, direction, instant: true);
    }

    private double Power(double speed)
    {
        if (speed < TurbinePowerCurve.CutInSpeed)
        {
            // Idling below cut-in: mostly 0, sometimes a little, rarely slightly negative (as in the real data).
            var u = Rng.NextDouble();
            if (u < WindCalibration.LowWindNegativeShare)
            {
                return -Rng.LogUniform(0.01, WindCalibration.MostNegativeKw);
            }

            return u < WindCalibration.LowWindNegativeShare + WindCalibration.LowWindPositiveShare
                ? -WindCalibration.LowWindPositiveMeanKw * Math.Log(1 - Rng.NextDouble())
                : 0;
        }

        if (speed >= TurbinePowerCurve.CutOutSpeed)
        {
            return 0;
        }

        var curve = TurbinePowerCurve.Evaluate(speed * WindCalibration.EffectiveSpeedFactor);
        var power = curve * (1 + (WindCalibration.PowerNoise * Rng.Normal()));
        var cap = Math.Min(WindCalibration.RatedOutput + (2 * Rng.Normal()), WindCalibration.MaxOutput);
        return Math.Clamp(power, 0, cap);
    }
}
