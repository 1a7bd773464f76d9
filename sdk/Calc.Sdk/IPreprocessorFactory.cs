namespace Calc.Sdk;

/// <summary>Creates preprocessors; reached through <see cref="IOperatorContext.Preprocessing"/>.</summary>
public interface IPreprocessorFactory
{
    /// <summary>A new preprocessor with its own per-asset state.</summary>
    IPreprocessor Create(PreprocessOptions options);
}
