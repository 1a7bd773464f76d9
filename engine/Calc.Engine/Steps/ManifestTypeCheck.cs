using System.Text.Json;
using Calc.Sdk;

namespace Calc.Engine.Steps;

/// <summary>
/// The JSON type a manifest parameter type allows: a non-empty string for <c>string</c>, <c>duration</c>,
/// <c>interval</c>, <c>point</c>, <c>expression</c>, <c>script</c>, <c>timeZone</c> and <c>enum</c> (which
/// must also be one of its <c>values</c>); a number for <c>number</c>; <c>true</c>/<c>false</c> for
/// <c>boolean</c>; an array of strings for <c>points</c>; a number or an object for
/// <c>numberOrAttribute</c>; a string or an object for <c>intervalOrAttribute</c> and <c>stringOrAttribute</c>; an object for
/// <c>object</c>; an array for <c>array</c>. The text's syntax (a duration, a point) is the operator's to check.
/// </summary>
internal static class ManifestTypeCheck
{
    public static string? Problem(ParameterManifest parameter, JsonElement value) => parameter.Type switch
    {
        "duration" => IsText(value) ? null : "expected a duration such as \"30s\" (500ms, 30s, 5m, 1h, 1d)",
        "point" => IsText(value) ? null : "expected a point such as \"model::point\"",
        "string" or "interval" or "expression" or "script" or "timeZone" =>
            IsText(value) ? null : "expected a non-empty string",
        "enum" => !IsText(value)
            ? "expected a non-empty string"
            : parameter.Values is { Count: > 0 } values && !values.Contains(value.GetString()!, StringComparer.Ordinal)
                ? $"'{value.GetString()}' must be one of {string.Join(", ", values)}"
                : null,
        "number" => value.ValueKind == JsonValueKind.Number ? null : "expected a number",
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "expected true or false",
        "points" => value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(IsText) ? null : "expected an array of points (model::point strings)",
        "numberOrAttribute" => value.ValueKind is JsonValueKind.Number or JsonValueKind.Object ? null : "expected a number or {\"attribute\":\"name\"}",
        "intervalOrAttribute" => IsText(value) || value.ValueKind == JsonValueKind.Object ? null : "expected an interval string or {\"attribute\":\"name\"}",
        "stringOrAttribute" => IsText(value) || value.ValueKind == JsonValueKind.Object ? null : "expected a string or {\"attribute\":\"name\"}",
        "object" => value.ValueKind == JsonValueKind.Object ? null : "expected an object",
        "array" => value.ValueKind == JsonValueKind.Array ? null : "expected an array",
        _ => null,
    };

    private static bool IsText(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString());
}
