using System.Text.Json;
using Calc.Engine.Jobs;
using Calc.Sdk;

namespace Calc.Engine.Steps;

/// <summary>
/// Checks an operator's configuration against its manifest schema before the operator sees it:
/// unknown fields (with the allowed ones listed), missing required ones (absent or <c>null</c>) and
/// each given field's JSON type (<see cref="ManifestTypeCheck"/>). The operator validates values itself.
/// Unknown fields go to <c>problems</c> at once; required/type problems go to <c>fields</c>, which the
/// caller merges with the operator's own problems (one problem per field).
/// </summary>
internal static class ManifestFieldCheck
{
    public static void Check(OperatorSpec spec, OperatorManifest manifest, ProblemList problems, ProblemList fields)
    {
        if (manifest.Kind == "template")
        {
            CheckObject(spec.Settings, ProblemList.Join(spec.Path, "settings"), manifest.Settings, problems, fields);
            if (spec.Policies.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var policy in spec.Policies.EnumerateArray())
                {
                    CheckObject(policy, ProblemList.Index(ProblemList.Join(spec.Path, "policies"), i++), manifest.Policy, problems, fields);
                }
            }
        }
        else
        {
            CheckObject(spec.Params, ProblemList.Join(spec.Path, "params"), manifest.Params, problems, fields);
        }
    }

    private static void CheckObject(JsonElement json, string path, IReadOnlyList<ParameterManifest> schema, ProblemList problems, ProblemList fields)
    {
        if (json.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined or JsonValueKind.Null))
        {
            return;
        }

        if (json.ValueKind == JsonValueKind.Object)
        {
            var allowed = schema.Select(p => p.Name).ToArray();
            JsonShape.NoUnknownFields(json, path, problems, allowed);
        }

        foreach (var parameter in schema)
        {
            var given = json.ValueKind == JsonValueKind.Object && json.TryGetProperty(parameter.Name, out var value) && value.ValueKind != JsonValueKind.Null
                ? value
                : default;
            if (given.ValueKind == JsonValueKind.Undefined)
            {
                if (parameter.Required)
                {
                    fields.Add(ProblemList.Join(path, parameter.Name), "required");
                }

                continue;
            }

            if (ManifestTypeCheck.Problem(parameter, given) is { } problem)
            {
                fields.Add(ProblemList.Join(path, parameter.Name), problem);
            }
        }
    }
}
