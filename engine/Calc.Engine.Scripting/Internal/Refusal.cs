using Microsoft.CodeAnalysis.Text;

namespace Calc.Engine.Scripting.Internal;

/// <summary>
/// Something a script may not do, at a span of the generated source. The compiler's own errors inside
/// that span are not repeated: the refusal says what is wrong there. A silent refusal only does that:
/// the same refusal was already reported on its line.
/// </summary>
internal sealed record Refusal(TextSpan Span, string Message, bool Silent = false);
