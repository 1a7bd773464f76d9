namespace Calc.Engine.Simulation.Internal;

/// <summary>
/// xoshiro256** seeded through SplitMix64: fast, and the same sequence on every runtime version
/// (System.Random's seeded sequence is not a documented contract). One instance per asset or site,
/// so adding turbines does not change the inverters' data.
/// </summary>
internal sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spare;
    private bool _hasSpare;

    public Rng(int seed, ulong stream)
    {
        var x = unchecked(((ulong)(uint)seed << 32) ^ (stream * 0x9E3779B97F4A7C15UL) ^ 0xD1B54A32D192ED03UL);
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Uniform(double min, double max) => min + ((max - min) * NextDouble());

    public int NextInt(int exclusiveMax) => (int)((NextUInt64() >> 33) * (ulong)exclusiveMax >> 31);

    public bool Chance(double probability) => probability > 0 && NextDouble() < probability;

    /// <summary>Log-uniform between min and max: many short events, a few long ones.</summary>
    public double LogUniform(double min, double max) => min * Math.Exp(NextDouble() * Math.Log(max / min));

    /// <summary>Standard normal (Marsaglia's polar method, pairs cached).</summary>
    public double Normal()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }

        double u, v, s;
        do
        {
            u = (2 * NextDouble()) - 1;
            v = (2 * NextDouble()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);

        var f = Math.Sqrt(-2 * Math.Log(s) / s);
        _spare = v * f;
        _hasSpare = true;
        return u * f;
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
