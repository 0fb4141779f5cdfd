using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Internal;
using Credentials.Jose;
using Credentials.Keys;

namespace Credentials.W3c.VcJose;

/// <summary>What the issuer and the holder share: the payload (the document, plus the JWT claims asked for) and the signature.</summary>
internal static class VcJwtSigning
{
    public static async ValueTask<string> SignAsync(
        ISigner signer,
        VcJwtIssuerOptions options,
        JsonElement document,
        byte[] rawDocument,
        string? signerId,
        string typ,
        string contentType,
        ErrorCode issMismatch,
        string? id,
        string?[] subjectIds,
        bool isCredential,
        string? audience,
        string? nonce,
        CancellationToken cancellationToken)
    {
        var alreadyHasIss = document.TryGetProperty("iss", out _);
        var addIss = options.IncludeIssuerClaim && !alreadyHasIss;
        var addIat = options.IncludeIssuedAt;
        var addExp = options.SignatureLifetime is not null;
        foreach (var (name, add) in (ReadOnlySpan<(string, bool)>)[("iat", addIat), ("exp", addExp), ("aud", audience is not null), ("nonce", nonce is not null)])
        {
            if (add && document.TryGetProperty(name, out _))
            {
                throw new ArgumentException($"The document already has '{name}'; remove it or turn the option off.", nameof(document));
            }
        }

        // The issuer refuses to sign what its verifier refuses (sections 1.1.2, 3.1.3, 4.1.1, 4.1.2, 4.3).
        var error = VcJwtClaims.CheckForbiddenClaims(document)
            ?? VcJwtClaims.CheckIss(document, signerId, issMismatch)
            ?? VcJwtClaims.CheckKeyId(signer.KeyId, signerId, alreadyHasIss || addIss)
            ?? VcJwtClaims.CheckConflicts(document, id, subjectIds, isCredential)
            ?? VcJwtClaims.CheckTimes(document, null, TimeSpan.Zero);
        if (error is not null)
        {
            throw new ArgumentException($"The document cannot be secured as {typ}: {error}", nameof(document));
        }

        byte[] payload;
        if (!addIss && !addIat && !addExp && audience is null && nonce is null)
        {
            // The JWS payload is the document itself, byte for byte (section 3.1.1).
            payload = rawDocument;
        }
        else
        {
            var now = options.TimeProvider.GetUtcNow();
            var buffer = new ArrayBufferWriter<byte>(rawDocument.Length + 96);
            using (var writer = new Utf8JsonWriter(buffer, SafeJson.WriterOptions with { MaxDepth = 256 }))
            {
                writer.WriteStartObject();
                foreach (var member in document.EnumerateObject())
                {
                    member.WriteTo(writer);
                }

                if (addIss && signerId is not null)
                {
                    writer.WriteString("iss", signerId);
                }

                if (addIat)
                {
                    writer.WriteNumber("iat", now.ToUnixTimeSeconds());
                }

                if (audience is not null)
                {
                    writer.WriteString("aud", audience);
                }

                if (nonce is not null)
                {
                    writer.WriteString("nonce", nonce);
                }

                if (options.SignatureLifetime is { } lifetime)
                {
                    writer.WriteNumber("exp", SaturatingTime.Add(now, lifetime).ToUnixTimeSeconds());
                }

                writer.WriteEndObject();
            }

            payload = buffer.WrittenSpan.ToArray();
        }

        Dictionary<string, JsonNode?>? extra = options.IncludeContentType ? new() { ["cty"] = contentType } : null;
        var header = JwsWriter.EncodeHeader(signer, typ, extra);
        return await JwsWriter.SignCompactAsync(signer, header, payload, cancellationToken).ConfigureAwait(false);
    }
}
