using System;
using System.Text.Json;
using Credentials.Dcql;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Internal;
using Credentials.Keys;

namespace Credentials.Wallet.Holder.Internal;

/// <summary>Reading W3C credentials as the wallet stores them (as received) and finding the DID they are bound to.</summary>
internal static class W3cStoredCredential
{
    /// <summary>JSON with an embedded proof is <c>ldp_vc</c>; a compact JWS is <c>jwt_vc_json</c>; anything else is neither.</summary>
    public static string? FormatOf(string raw)
    {
        var text = raw.AsSpan().Trim();
        if (text.Length > 0 && text[0] == '{')
        {
            return DcqlFormats.LdpVc;
        }

        return text.Length > 0 && text.Count('.') == 2 && !text.Contains('~') ? DcqlFormats.JwtVcJson : null;
    }

    /// <summary>
    /// The credential object: the JSON itself; for a JWT its payload (VC-JOSE-COSE <c>vc+jwt</c> and the Open Badges 3.0
    /// JWT form carry the credential at the top level), or its <c>vc</c> claim (VCDM 1.1 JWT, when the payload has no
    /// <c>@context</c>).
    /// </summary>
    public static VerificationResult<JsonElement> ReadClaims(string raw)
    {
        var format = FormatOf(raw);
        try
        {
            if (format == DcqlFormats.LdpVc)
            {
                using var document = JsonDocument.Parse(raw);
                return document.RootElement.Clone();
            }

            if (format == DcqlFormats.JwtVcJson)
            {
                var text = raw.AsSpan().Trim();
                var first = text.IndexOf('.');
                var second = text[(first + 1)..].IndexOf('.') + first + 1;
                if (StrictBase64Url.TryDecode(text[(first + 1)..second]) is { } payload)
                {
                    using var document = JsonDocument.Parse(payload);
                    var root = document.RootElement;
                    if (root.ValueKind == JsonValueKind.Object && !root.TryGetProperty("@context", out _)
                        && root.TryGetProperty("vc", out var vc) && vc.ValueKind == JsonValueKind.Object)
                    {
                        return vc.Clone();
                    }

                    return root.Clone();
                }
            }
        }
        catch (JsonException)
        {
        }

        return new VerificationError(HolderErrors.UnsupportedFormat, "The stored W3C credential cannot be read.");
    }

    /// <summary>The public key of a <c>did:key</c> or <c>did:jwk</c>, or <see langword="null"/> for any other identifier.</summary>
    public static (Did Did, Jwk Key)? KeyOf(string? subjectId)
    {
        if (subjectId is null || !Did.TryParse(subjectId, out var did))
        {
            return null;
        }

        var key = did.Method switch
        {
            DidMethodNames.Key => DidKey.GetPublicKey(did),
            DidMethodNames.Jwk => DidJwk.GetPublicKey(did),
            _ => null,
        };
        return key is { IsValid: true } ? (did, key.Value) : null;
    }

    /// <summary>The verification method (a DID URL) of a <c>did:key</c> or <c>did:jwk</c>.</summary>
    public static string VerificationMethodOf(Did did)
        => (did.Method == DidMethodNames.Key ? DidKey.GetKeyId(did) : DidJwk.GetKeyId(did)).ToString();
}
