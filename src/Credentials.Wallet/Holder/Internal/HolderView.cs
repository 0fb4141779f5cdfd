using System.Buffers;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text.Json;
using Credentials.Jose;
using Credentials.SdJwt;

namespace Credentials.Wallet.Holder.Internal;

/// <summary>
/// The holder's view of an issued SD-JWT: every claim with all of its disclosures applied, and the paths of the
/// selectively disclosable claims. Built locally from the stored credential, without resolving the issuer's key, so
/// answering a query never contacts the issuer.
/// </summary>
/// <remarks>
/// The core exposes the processed payload only through its verifier (which resolves the issuer key); this rebuilds it
/// from <see cref="SdJwtHolder.GetDisclosableClaims"/> (which checks every disclosure against the payload) and the
/// disclosure digests. The credential was verified in full on import.
/// </remarks>
internal sealed class HolderView
{
    private HolderView(SdJwt.SdJwt sdJwt, JsonElement claims, ImmutableArray<DisclosableClaim> disclosable)
    {
        SdJwt = sdJwt;
        Claims = claims;
        Disclosable = disclosable;
        var paths = new HashSet<ClaimPath>();
        foreach (var d in disclosable)
        {
            paths.Add(d.Path);
        }

        SelectivelyDisclosable = paths;
    }

    public SdJwt.SdJwt SdJwt { get; }

    public JsonElement Claims { get; }

    public ImmutableArray<DisclosableClaim> Disclosable { get; }

    public IReadOnlySet<ClaimPath> SelectivelyDisclosable { get; }

    public bool HasHolderBinding => Claims.TryGetProperty("cnf", out var cnf) && cnf.ValueKind == JsonValueKind.Object;

    public static VerificationResult<HolderView> Build(string raw, SdJwtHolder holder, SdJwtReaderOptions limits)
    {
        var parsed = global::Credentials.SdJwt.SdJwt.Parse(raw, limits);
        if (!parsed.IsValid)
        {
            return parsed.Error;
        }

        var disclosable = holder.GetDisclosableClaims(parsed.Value);
        if (!disclosable.IsValid)
        {
            return disclosable.Error;
        }

        var jws = Jws.ParseCompact(parsed.Value.IssuerSignedJwt, new JwsReaderOptions { MaxTokenLength = limits.MaxLength, MaxJsonDepth = limits.MaxDepth });
        if (!jws.IsValid)
        {
            return jws.Error;
        }

        var payload = jws.Value.ParsePayload();
        if (!payload.IsValid)
        {
            return payload.Error;
        }

        var hash = SdHashAlgorithm.Sha256;
        if (payload.Value.TryGetProperty("_sd_alg", out var alg) && !SdHashAlgorithm.TryGet(alg.GetString(), out hash))
        {
            return new VerificationError(SdJwtErrors.UnsupportedHashAlgorithm, VerificationFailureKind.UnsupportedAlgorithm, "'_sd_alg' does not name a supported hash algorithm.");
        }

        var byDigest = new Dictionary<string, Disclosure>(System.StringComparer.Ordinal);
        foreach (var d in parsed.Value.Disclosures)
        {
            byDigest[d.ComputeDigest(hash)] = d;
        }

        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteObject(payload.Value, byDigest, writer, topLevel: true);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return new HolderView(parsed.Value, document.RootElement.Clone(), disclosable.Value);
    }

    private static void WriteValue(JsonElement value, Dictionary<string, Disclosure> byDigest, Utf8JsonWriter writer)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(value, byDigest, writer, topLevel: false);
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    if (TryGetArrayDigest(item, out var digest))
                    {
                        // A digest without a disclosure is a decoy (RFC 9901 section 7.1 step 3.3): nothing to show.
                        if (byDigest.TryGetValue(digest, out var element))
                        {
                            WriteValue(element.Value, byDigest, writer);
                        }

                        continue;
                    }

                    WriteValue(item, byDigest, writer);
                }

                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }

    private static void WriteObject(JsonElement value, Dictionary<string, Disclosure> byDigest, Utf8JsonWriter writer, bool topLevel)
    {
        writer.WriteStartObject();
        JsonElement? digests = null;
        foreach (var member in value.EnumerateObject())
        {
            if (member.NameEquals("_sd"))
            {
                digests = member.Value;
                continue;
            }

            if (topLevel && member.NameEquals("_sd_alg"))
            {
                continue;
            }

            writer.WritePropertyName(member.Name);
            WriteValue(member.Value, byDigest, writer);
        }

        if (digests is { ValueKind: JsonValueKind.Array } list)
        {
            foreach (var digest in list.EnumerateArray())
            {
                if (digest.ValueKind == JsonValueKind.String && byDigest.TryGetValue(digest.GetString()!, out var disclosure) && disclosure.ClaimName is { } name)
                {
                    writer.WritePropertyName(name);
                    WriteValue(disclosure.Value, byDigest, writer);
                }
            }
        }

        writer.WriteEndObject();
    }

    private static bool TryGetArrayDigest(JsonElement item, out string digest)
    {
        digest = string.Empty;
        if (item.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var count = 0;
        foreach (var member in item.EnumerateObject())
        {
            count++;
            if (member.NameEquals("...") && member.Value.ValueKind == JsonValueKind.String)
            {
                digest = member.Value.GetString()!;
            }
        }

        return count == 1 && digest.Length > 0;
    }
}
