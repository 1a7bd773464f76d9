using Calc.Sdk;

namespace Calc.Engine.Preprocessing;

/// <summary>Creates <see cref="Preprocessor"/>s that count into one operator's metrics.</summary>
public sealed class PreprocessorFactory(IOperatorMetrics metrics) : IPreprocessorFactory
{
    public IPreprocessor Create(PreprocessOptions options) => new Preprocessor(options, metrics);
}
