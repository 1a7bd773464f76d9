using Calc.Sdk;

namespace Calc.Templates.Groups;

internal sealed record GroupPolicy(PointRef Input, PointRef Output, MemberAggregation Member, GroupAggregation Group, PreprocessOptions Preprocess);
