using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Credentials.SdJwtVc.TypeMetadata;

namespace Credentials.Wallet.Holder.Internal;

/// <summary>
/// The display metadata the holder service keeps with a credential (<see cref="StoredCredentialInput.DisplayMetadataJson"/>,
/// encrypted by the store): the resolved type metadata chain as checked on import, so the wallet can show names and
/// labels offline. Layout: <c>{"format":"credentials-wallet/type-metadata/1","integrity":…,"chain":[document, …]}</c>.
/// </summary>
internal static class StoredTypeMetadata
{
    private const string FormatName = "credentials-wallet/type-metadata/1";

    public static string Write(ResolvedTypeMetadata metadata)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("format", FormatName);
            if (metadata.Integrity is { } integrity)
            {
                writer.WriteString("integrity", integrity);
            }

            writer.WriteStartArray("chain");
            foreach (var document in metadata.Chain)
            {
                writer.WriteRawValue(document.ToUtf8Json(), skipInputValidation: false);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads what <see cref="Write"/> wrote; <see langword="null"/> for anything else (metadata written by another app).</summary>
    public static ResolvedTypeMetadata? Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format", out var format) || !format.ValueEquals(FormatName)
                || !root.TryGetProperty("chain", out var chain) || chain.ValueKind != JsonValueKind.Array || chain.GetArrayLength() == 0)
            {
                return null;
            }

            var documents = new List<TypeMetadataDocument>();
            foreach (var item in chain.EnumerateArray())
            {
                var parsed = TypeMetadataDocument.Read(Encoding.UTF8.GetBytes(item.GetRawText()));
                if (!parsed.IsValid)
                {
                    return null;
                }

                documents.Add(parsed.Value);
            }

            for (var i = 0; i < documents.Count; i++)
            {
                var expected = i + 1 < documents.Count ? documents[i + 1].Vct : null;
                if (!string.Equals(documents[i].Extends, expected, StringComparison.Ordinal))
                {
                    return null;
                }
            }

            var integrity = root.TryGetProperty("integrity", out var i2) && i2.ValueKind == JsonValueKind.String ? i2.GetString() : null;
            var resolved = ResolvedTypeMetadata.Create(documents, integrity);
            return resolved.IsValid ? resolved.Value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
