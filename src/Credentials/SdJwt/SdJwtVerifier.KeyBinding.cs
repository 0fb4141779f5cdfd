using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Internal;
using Credentials.Jose;
using Credentials.Keys;

namespace Credentials.SdJwt;

public sealed partial class SdJwtVerifier
{
    /// <summary>The <c>typ</c> of a Key Binding JWT (RFC 9901 section 4.3).</summary>
    public const string KeyBindingJwtType = "kb+jwt";

    private async ValueTask<VerificationResult<KeyBindingResult>> VerifyKeyBindingAsync(
        RawSdJwt raw, JsonElement claims, SdHashAlgorithm hashAlgorithm, KeyBindingRequirement requirement, CancellationToken cancellationToken)
    {
        var parsed = Jws.ReadCompact(raw.KeyBindingJwt!.Value, _jwsOptions);
        if (!parsed.IsValid)
        {
            return new VerificationError(KeyBindingErrors.Malformed, "The Key Binding JWT is not a valid JWS.") { Inner = parsed.Error };
        }

        var kbJwt = parsed.Value;

        // RFC 9901 section 7.3 step 5 / 4.3: typ must be kb+jwt.
        if (!string.Equals(kbJwt.Type, KeyBindingJwtType, StringComparison.Ordinal))
        {
            return new VerificationError(KeyBindingErrors.InvalidType, "The Key Binding JWT 'typ' is not 'kb+jwt'.");
        }

        // Section 7.3 step 4: the holder's public key comes from the verified credential's cnf claim.
        if (!claims.TryGetProperty("cnf", out var cnf) || cnf.ValueKind != JsonValueKind.Object || !cnf.TryGetProperty("jwk", out var jwkElement))
        {
            return new VerificationError(KeyBindingErrors.NoHolderKey, "The credential has no 'cnf.jwk' holder key.");
        }

        // A cnf.jwk with private or symmetric members is refused, not used with the private part dropped.
        var holderJwk = Jwk.ReadPublic(jwkElement);
        if (!holderJwk.IsValid)
        {
            return new VerificationError(KeyBindingErrors.NoHolderKey, "The credential's 'cnf.jwk' is not a usable key.") { Inner = holderJwk.Error };
        }

        var holderKeyResult = VerificationKey.FromJwk(holderJwk.Value);
        if (!holderKeyResult.IsValid)
        {
            return new VerificationError(KeyBindingErrors.NoHolderKey, "The credential's 'cnf.jwk' is not a usable key.") { Inner = holderKeyResult.Error };
        }

        using var holderKey = holderKeyResult.Value;
        var signatureError = kbJwt.VerifySignature(holderKey, _options.AllowedKeyBindingAlgorithms);
        if (signatureError is not null)
        {
            var code = signatureError.Code == JoseErrors.InvalidSignature ? KeyBindingErrors.InvalidSignature : KeyBindingErrors.AlgorithmNotAllowed;
            return new VerificationError(code, "The Key Binding JWT is not signed by the holder key.") { Inner = signatureError };
        }

        var payloadResult = kbJwt.ParsePayloadPooled(_jwsOptions);
        if (!payloadResult.IsValid)
        {
            return new VerificationError(KeyBindingErrors.Malformed, "The Key Binding JWT payload is not a JSON object.") { Inner = payloadResult.Error };
        }

        using var payloadDocument = payloadResult.Value;
        var payload = payloadDocument.Root;
        if (!TryReadTime(payload, "iat", out var iatValue) || iatValue is not { } iat
            || !payload.TryGetString("nonce", out var nonce)
            || !payload.TryGetProperty("sd_hash", out var sdHash) || sdHash.ValueKind != JsonValueKind.String
            || !TryReadAudience(payload, requirement.Audience, out var audience))
        {
            return new VerificationError(KeyBindingErrors.Malformed, "The Key Binding JWT needs numeric 'iat' and string 'aud', 'nonce' and 'sd_hash'.");
        }

        // Section 7.3 step 5: sd_hash over the presentation up to and including the last '~', compared in constant time.
        Span<byte> expectedHash = stackalloc byte[88];
        var expectedLength = raw.ComputeSdHashUtf8(hashAlgorithm, expectedHash);
        if (!FixedTimeEquals(expectedHash[..expectedLength], sdHash))
        {
            return new VerificationError(KeyBindingErrors.SdHashMismatch, "The Key Binding JWT 'sd_hash' does not match the presentation.");
        }

        if (audience is null)
        {
            return new VerificationError(KeyBindingErrors.AudienceMismatch, "The Key Binding JWT is for another audience.");
        }

        // Saturating arithmetic: no option value can move a bound out of range and throw.
        var now = _options.TimeProvider.GetUtcNow();
        var latest = SaturatingTime.Add(now, _options.ClockSkew);
        var earliest = SaturatingTime.Subtract(now, _options.ClockSkew);
        if (iat > latest)
        {
            return new VerificationError(KeyBindingErrors.IssuedInFuture, "The Key Binding JWT was issued in the future.");
        }

        if (iat < SaturatingTime.Subtract(now, SaturatingTime.Add(_options.KeyBindingMaxAge, _options.ClockSkew)))
        {
            return new VerificationError(KeyBindingErrors.TooOld, "The Key Binding JWT is older than this verifier accepts.");
        }

        // RFC 7519 sections 4.1.4 and 4.1.5: the KB-JWT's own exp and nbf, when present, are checked like the Issuer-signed
        // JWT's, with the verifier's clock skew.
        if (!TryReadTime(payload, "exp", out var kbExp) || !TryReadTime(payload, "nbf", out var kbNbf))
        {
            return new VerificationError(KeyBindingErrors.InvalidTimeClaim, "The Key Binding JWT 'exp' and 'nbf' must be numeric dates.");
        }

        if (kbExp is { } exp && earliest >= exp)
        {
            return new VerificationError(KeyBindingErrors.Expired, "The Key Binding JWT has expired.");
        }

        if (kbNbf is { } nbf && latest < nbf)
        {
            return new VerificationError(KeyBindingErrors.NotYetValid, "The Key Binding JWT is not valid yet.");
        }

        // The nonce check runs last: an application store may consume the nonce. Without one (RequiredAudienceAndNonceUnchecked)
        // the nonce is only reported.
        if (requirement.NonceCheck is { } nonceCheck && !await nonceCheck(nonce, cancellationToken).ConfigureAwait(false))
        {
            return new VerificationError(KeyBindingErrors.NonceMismatch, "The Key Binding JWT nonce is not the expected one.");
        }

        return new KeyBindingResult(holderJwk.Value, audience, nonce, iat);
    }

    // Constant-time over the bytes of the received string (taken raw when it has no escapes, as a digest never does);
    // only the lengths, public for digests of one algorithm, may end the comparison early.
    private static bool FixedTimeEquals(ReadOnlySpan<byte> expected, JsonElement actual)
    {
        var raw = JsonMarshal.GetRawUtf8Value(actual)[1..^1];
        if (raw.IndexOf((byte)'\\') >= 0)
        {
            var unescaped = Encoding.UTF8.GetBytes(actual.GetString()!);
            return unescaped.Length == expected.Length && CryptographicOperations.FixedTimeEquals(expected, unescaped);
        }

        return raw.Length == expected.Length && CryptographicOperations.FixedTimeEquals(expected, raw);
    }

    // RFC 7519 section 4.1.3: aud is a string or an array of strings; the verifier must be the (single) audience.
    // With no expected audience (RequiredAudienceAndNonceUnchecked) the single audience is taken as it is, unchecked.
    private static bool TryReadAudience(JsonElement payload, string? expected, out string? matched)
    {
        matched = null;
        if (!payload.TryGetProperty("aud", out var aud))
        {
            return false;
        }

        if (aud.ValueKind == JsonValueKind.String)
        {
            matched = expected is null ? aud.GetString() : aud.ValueEquals(expected) ? expected : null;
            return true;
        }

        if (aud.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var count = 0;
        foreach (var item in aud.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            count++;
            if (expected is null ? count == 1 : item.ValueEquals(expected))
            {
                matched = expected ?? item.GetString();
            }
        }

        // A KB-JWT addressed to several audiences could be replayed by any of them.
        if (count != 1)
        {
            matched = null;
        }

        return true;
    }
}
