namespace Calc.Engine.Simulation.Tests;

public sealed class TurbinePowerCurveTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(2.9996, 0)]
    [InlineData(3.0, 16)]
    [InlineData(3.5, 52)]
    [InlineData(9.0, 2144)]
    [InlineData(9.05, 2176.3)]
    [InlineData(12.0, 3521.9)]
    [InlineData(13.0, 3600)]
    [InlineData(20.0, 3600)]
    [InlineData(25.2, 3600)]
    [InlineData(25.5, 0)]
    [InlineData(double.NaN, 0)]
    public void ShouldGiveTheRealTurbinesCurve(double speed, double expected)
    {
        Assert.Equal(expected, TurbinePowerCurve.Evaluate(speed), 6);
    }
}
