using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Credentials.W3c.DataIntegrity;

/// <summary>
/// Checks that a JSON value parsed elsewhere (perhaps leniently) is what a strict parse would have accepted: no
/// duplicate member names, no lone surrogates, no deeper nesting than the limit.
/// </summary>
internal static class StrictJson
{
    public static bool IsStrict(JsonElement value, int maxDepth)
    {
        try
        {
            return Check(value, maxDepth);
        }
        catch (InvalidOperationException)
        {
            // A string or name with a lone surrogate escape cannot be decoded.
            return false;
        }
    }

    private static bool Check(JsonElement value, int depth)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
            {
                if (depth <= 0)
                {
                    return false;
                }

                HashSet<string>? names = null;
                foreach (var member in value.EnumerateObject())
                {
                    names ??= new HashSet<string>(StringComparer.Ordinal);
                    if (!names.Add(member.Name) || !Check(member.Value, depth - 1))
                    {
                        return false;
                    }
                }

                return true;
            }

            case JsonValueKind.Array:
            {
                if (depth <= 0)
                {
                    return false;
                }

                foreach (var item in value.EnumerateArray())
                {
                    if (!Check(item, depth - 1))
                    {
                        return false;
                    }
                }

                return true;
            }

            case JsonValueKind.String:
                _ = value.GetString();
                return true;

            default:
                return true;
        }
    }
}
