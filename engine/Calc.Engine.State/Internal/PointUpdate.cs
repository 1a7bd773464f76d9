using Calc.Sdk;

namespace Calc.Engine.State.Internal;

/// <summary>One field of a pending HSET, copied out of the buffer so it can be serialised outside the lock.</summary>
internal readonly record struct PointUpdate(string PointId, long Time, PointValue Value, int Quality);
