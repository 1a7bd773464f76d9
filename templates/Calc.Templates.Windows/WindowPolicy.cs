using Calc.Sdk;

namespace Calc.Templates.Windows;

internal sealed record WindowPolicy(PointRef Input, PointRef Output, Aggregation Aggregation, PreprocessOptions Preprocess);
