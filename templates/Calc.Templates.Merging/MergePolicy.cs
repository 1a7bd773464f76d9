using Calc.Sdk;

namespace Calc.Templates.Merging;

/// <summary>One rule: its compiled expression, the cache slot of each reference, and what triggers it.</summary>
internal sealed record MergePolicy(PointRef Output, ICompiledExpression Rule, int[] Slots, string[] Names, SlotKey? Trigger, bool AnyTrigger);
