using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.SdJwt;
using Credentials.SdJwtVc.TypeMetadata;
using Credentials.SdJwtVc.TypeMetadata.Resolution;

namespace Credentials.Samples.Common;

/// <summary>Claim values and labels as the holder and verifier apps show them.</summary>
public static class ClaimValues
{
    private static readonly JsonSerializerOptions s_compact = new(CliJson.OutputOptions) { WriteIndented = false };

    /// <summary>The folder, next to the app, with the sample credential types' type metadata (copied from specs/credential-types).</summary>
    public static string TypeMetadataDirectory => Path.Combine(AppContext.BaseDirectory, "credential-types");

    /// <summary>
    /// The type metadata of the sample credential types, or <see langword="null"/> when the folder is missing. Used
    /// offline only: names and labels for display and the type checks of SD-JWT VC.
    /// </summary>
    public static LocalTypeMetadataRegistry? LoadTypeMetadata()
    {
        var directory = TypeMetadataDirectory;
        if (!Directory.Exists(directory))
        {
            return null;
        }

        try
        {
            return LocalTypeMetadataRegistry.FromDirectory(directory);
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException)
        {
            throw new CliException(new CliError(CliErrors.MalformedJsonCode, $"The type metadata in '{directory}' could not be loaded: {CliErrors.Reason(ex)}", "Rebuild the app, or fix the files under specs/credential-types."), ex);
        }
    }

    /// <summary>Finds the value at a concrete path (member names and array indexes).</summary>
    public static bool TryGet(JsonElement claims, ClaimPath path, out JsonElement value)
    {
        value = claims;
        foreach (var component in path.Components)
        {
            if (component.Name is { } name)
            {
                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
                {
                    return false;
                }
            }
            else if (component.IsAllElements || value.ValueKind != JsonValueKind.Array || component.ArrayIndex >= value.GetArrayLength())
            {
                return false;
            }
            else
            {
                value = value[component.ArrayIndex];
            }
        }

        return true;
    }

    /// <summary>The label of a claim from type metadata, else its path written the command-line way.</summary>
    public static string Label(ResolvedTypeMetadata? metadata, ClaimPath path, string locale)
        => metadata?.GetClaimLabel(path, locale) ?? ClaimPathSyntax.Format(path);

    /// <summary>A value for a table cell: strings as they are (ISO dates with 和暦 in Japanese), everything else as compact JSON.</summary>
    public static string Display(JsonElement value, UiLanguage language)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return JsonSerializer.Serialize(value, s_compact);
        }

        var text = value.GetString()!;
        return IsoDate.TryParse(text, out var date) ? JapaneseEra.FormatForDisplay(date, language) : text;
    }

    /// <summary>A value for a JSON result.</summary>
    public static JsonNode? ToNode(JsonElement value) => JsonSerializer.SerializeToNode(value);

    /// <summary>A library verification error as the apps report it: the library's stable code, message and inner causes.</summary>
    public static CliError ToCliError(VerificationError error, string? hint, int exitCode = ExitCodes.InputError)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new CliError(error.Code.Value, Describe(error), hint, exitCode);
    }

    /// <summary>The error's message followed by its causes.</summary>
    public static string Describe(VerificationError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var text = error.Message;
        for (var inner = error.Inner; inner is not null; inner = inner.Inner)
        {
            text += $" ({inner.Code}: {inner.Message})";
        }

        return error.Path is null ? text : $"{text} [{error.Path}]";
    }

    /// <summary>An error as a JSON object (code, kind, message, path, inner).</summary>
    public static JsonObject ToJson(VerificationError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var json = new JsonObject
        {
            ["code"] = error.Code.Value,
            ["kind"] = error.Kind.ToString(),
            ["message"] = error.Message,
        };
        if (error.Path is not null)
        {
            json["path"] = error.Path.ToString();
        }

        if (error.Inner is not null)
        {
            json["inner"] = ToJson(error.Inner);
        }

        return json;
    }
}
