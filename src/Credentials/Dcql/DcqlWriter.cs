using System.Collections.Immutable;
using System.Text.Json;
using Credentials.SdJwt;

namespace Credentials.Dcql;

/// <summary>Writes a <see cref="DcqlQuery"/> as JSON; defaults are omitted so a parsed query writes back to an equivalent query.</summary>
internal static class DcqlWriter
{
    public static void Write(Utf8JsonWriter writer, DcqlQuery query)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("credentials");
        foreach (var credential in query.Credentials)
        {
            WriteCredential(writer, credential);
        }

        writer.WriteEndArray();
        if (query.CredentialSets is { } sets)
        {
            writer.WriteStartArray("credential_sets");
            foreach (var set in sets)
            {
                writer.WriteStartObject();
                WriteIdLists(writer, "options", set.Options);
                if (!set.Required)
                {
                    writer.WriteBoolean("required", false);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    public static void WritePath(Utf8JsonWriter writer, ClaimPath path)
    {
        writer.WriteStartArray();
        foreach (var component in path.Components)
        {
            if (component.Name is { } name)
            {
                writer.WriteStringValue(name);
            }
            else if (component.IsAllElements)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteNumberValue(component.ArrayIndex);
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteCredential(Utf8JsonWriter writer, CredentialQuery credential)
    {
        writer.WriteStartObject();
        writer.WriteString("id", credential.Id);
        writer.WriteString("format", credential.Format);
        if (credential.Multiple)
        {
            writer.WriteBoolean("multiple", true);
        }

        WriteMeta(writer, credential.Meta);
        if (credential.TrustedAuthorities is { } authorities)
        {
            writer.WriteStartArray("trusted_authorities");
            foreach (var authority in authorities)
            {
                writer.WriteStartObject();
                writer.WriteString("type", authority.Type);
                WriteStrings(writer, "values", authority.Values);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (!credential.RequireCryptographicHolderBinding)
        {
            writer.WriteBoolean("require_cryptographic_holder_binding", false);
        }

        if (credential.Claims is { } claims)
        {
            writer.WriteStartArray("claims");
            foreach (var claim in claims)
            {
                writer.WriteStartObject();
                if (claim.Id is not null)
                {
                    writer.WriteString("id", claim.Id);
                }

                writer.WritePropertyName("path");
                WritePath(writer, claim.Path);
                if (claim.Values is { } values)
                {
                    writer.WriteStartArray("values");
                    foreach (var value in values)
                    {
                        value.WriteTo(writer);
                    }

                    writer.WriteEndArray();
                }

                if (claim.IntentToRetain is { } retain)
                {
                    writer.WriteBoolean("intent_to_retain", retain);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (credential.ClaimSets is { } claimSets)
        {
            WriteIdLists(writer, "claim_sets", claimSets);
        }

        writer.WriteEndObject();
    }

    private static void WriteMeta(Utf8JsonWriter writer, CredentialQueryMeta meta)
    {
        writer.WriteStartObject("meta");
        if (meta.VctValues is { } vcts)
        {
            WriteStrings(writer, "vct_values", vcts);
        }

        if (meta.DoctypeValue is { } doctype)
        {
            writer.WriteString("doctype_value", doctype);
        }

        if (meta.TypeValues is { } typeValues)
        {
            WriteIdLists(writer, "type_values", typeValues);
        }

        foreach (var (name, value) in meta.AdditionalProperties)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, ImmutableArray<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteIdLists(Utf8JsonWriter writer, string name, ImmutableArray<ImmutableArray<string>> lists)
    {
        writer.WriteStartArray(name);
        foreach (var list in lists)
        {
            writer.WriteStartArray();
            foreach (var id in list)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }
}
