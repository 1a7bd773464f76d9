namespace Calc.Templates.Energy;

/// <summary>Which of the three energy templates an operator runs.</summary>
internal enum EnergyKind
{
    /// <summary><c>energy-by-meter-reading</c>: differences of a cumulative register.</summary>
    MeterReading,

    /// <summary><c>energy-by-instant-power</c>: trapezoids between instantaneous power samples.</summary>
    InstantPower,

    /// <summary><c>energy-by-average-power</c>: each sample is the mean power of the span it closes.</summary>
    AveragePower,
}
