using System;
using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Internal;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Trust;

namespace Credentials.SdJwt;

/// <summary>
/// Verifies SD-JWTs and SD-JWT+KB presentations (RFC 9901 section 7) in this order: structure and limits, the
/// Issuer-signed JWT's algorithm (from the verifier's allow-list) and signature, the disclosures, the Key Binding
/// JWT per the verifier's policy, then the time claims. Never throws for bad input: every failure is a
/// <see cref="VerificationError"/> with a stable code. Stateless and thread-safe after construction.
/// </summary>
public sealed partial class SdJwtVerifier
{
    private readonly SdJwtVerifierOptions _options;
    private readonly IIssuerKeyResolver _issuerKeys;
    private readonly JwsReaderOptions _jwsOptions;

    /// <summary>Creates a verifier.</summary>
    /// <param name="issuerKeys">Finds the issuer's key.</param>
    /// <param name="options">Policy and limits.</param>
    /// <exception cref="ArgumentException">The options allow no algorithm, have a null member, a skew outside zero to
    /// <see cref="SdJwtVerifierOptions.MaxClockSkew"/>, a key-binding age outside (zero, <see cref="SdJwtVerifierOptions.MaxKeyBindingMaxAge"/>], or a limit that is not positive.</exception>
    public SdJwtVerifier(IIssuerKeyResolver issuerKeys, SdJwtVerifierOptions? options = null)
    {
        options ??= new SdJwtVerifierOptions();
        ArgumentNullException.ThrowIfNull(issuerKeys);

        // Every option is checked here, so that none can make verification throw later.
        options.Validate(nameof(options));

        _options = options;
        _issuerKeys = issuerKeys;
        _jwsOptions = new JwsReaderOptions { MaxTokenLength = options.Limits.MaxLength, MaxJsonDepth = options.Limits.MaxDepth };
    }

    /// <summary>Verifies a presentation in the compact or JWS JSON serialization.</summary>
    /// <param name="presentation">The SD-JWT or SD-JWT+KB.</param>
    /// <param name="keyBinding">The verifier's key-binding policy.</param>
    /// <param name="cancellationToken">Cancels key and nonce resolution.</param>
    public async ValueTask<VerificationResult<VerifiedSdJwt>> VerifyAsync(string presentation, KeyBindingRequirement keyBinding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(presentation);
        ArgumentNullException.ThrowIfNull(keyBinding);

        var split = SdJwtToken.Split(presentation, _options.Limits);
        if (!split.IsValid)
        {
            return split.Error;
        }

        var raw = split.Value;

        // Step 1 (RFC 9901 section 7.1 step 2): the Issuer-signed JWT, its algorithm and its signature come first.
        var jws = Jws.ReadCompact(raw.IssuerSignedJwt, _jwsOptions);
        if (!jws.IsValid)
        {
            return jws.Error;
        }

        var issuerJwt = jws.Value;
        var typeError = CheckType(issuerJwt);
        if (typeError is not null)
        {
            return typeError;
        }

        // RFC 9901 section 8.1 allows several signatures; a verifier accepts one unless its options say otherwise.
        if (raw.AdditionalSignatures.Length > 0 && !_options.AllowMultipleSignatures)
        {
            return new VerificationError(SdJwtErrors.MultipleSignatures, "The SD-JWT carries more than one signature and this verifier accepts exactly one.");
        }

        // The payload is read only while verifying (the result carries the processed claims), so it is parsed in place
        // over a pooled buffer and returned at the end.
        var payloadResult = issuerJwt.ParsePayloadPooled(_jwsOptions);
        if (!payloadResult.IsValid)
        {
            return payloadResult.Error;
        }

        using var payloadDocument = payloadResult.Value;
        var payload = payloadDocument.Root;
        var signatureError = await VerifyIssuerSignatureAsync(issuerJwt, payload, raw, cancellationToken).ConfigureAwait(false);
        if (signatureError is not null)
        {
            return signatureError;
        }

        // Step 2 (section 7.1 steps 3 to 5): disclosures, now that the payload is authentic.
        var hashAlgorithm = ReadHashAlgorithm(payload);
        if (!hashAlgorithm.IsValid)
        {
            return hashAlgorithm.Error;
        }

        var disclosures = ImmutableArray.CreateBuilder<Disclosure>(raw.Disclosures.Length);
        foreach (var encoded in raw.Disclosures)
        {
            var disclosure = Disclosure.Read(encoded, _options.Limits.MaxDepth);
            if (!disclosure.IsValid)
            {
                return disclosure.Error;
            }

            disclosures.Add(disclosure.Value);
        }

        var disclosureList = disclosures.MoveToImmutable();
        DisclosurePlacement?[] placements;
        JsonElement claims;
        using (var scratch = ScratchJsonWriter.Rent())
        {
            var processError = PayloadProcessor.Process(payload, disclosureList, hashAlgorithm.Value, _options.Limits.MaxDepth, scratch.Writer, out placements);
            if (processError is not null)
            {
                return processError;
            }

            // The processed payload is written once, from the parsed parts, and read once into a standalone element.
            scratch.Writer.Flush();
            claims = JsonElement.Parse(scratch.Written);
        }

        if (_options.NeverDisclosableClaims.Count > 0)
        {
            foreach (var placement in placements)
            {
                if (placement!.Path.Length == 1 && placement.Path.Components[0].Name is { } name && Contains(_options.NeverDisclosableClaims, name))
                {
                    return new VerificationError(SdJwtErrors.ForbiddenDisclosure, $"The claim '{name}' must not be selectively disclosed.") { Path = placement.Path };
                }
            }
        }


        var sdJwt = new SdJwtToken(raw.IssuerSignedJwt, disclosureList, raw.KeyBindingJwt, raw.AdditionalSignatures, raw.UnprotectedHeader);

        // Step 3 (section 7.3): key binding, per the verifier's policy.
        KeyBindingResult? keyBindingResult = null;
        if (raw.KeyBindingJwt is null)
        {
            if (keyBinding.Mode == KeyBindingMode.Required)
            {
                return new VerificationError(KeyBindingErrors.Missing, "The verifier requires key binding and the presentation has no Key Binding JWT.");
            }
        }
        else
        {
            if (keyBinding.Mode == KeyBindingMode.Forbidden)
            {
                return new VerificationError(KeyBindingErrors.Unexpected, "The verifier does not accept a Key Binding JWT here.");
            }

            var kb = await VerifyKeyBindingAsync(raw, claims, hashAlgorithm.Value, keyBinding, cancellationToken).ConfigureAwait(false);
            if (!kb.IsValid)
            {
                return kb.Error;
            }

            keyBindingResult = kb.Value;
        }

        // Step 4 (section 7.1 step 5 last paragraph): time claims in the processed payload.
        var timeError = CheckTimeClaims(claims);
        if (timeError is not null)
        {
            return timeError;
        }

        // A digest does not say which claim it hides: a claim the holder withheld is simply absent. Claims whose absence
        // would make a credential look better than it is (no expiry, no holder key, no status) can be required.
        var requiredError = CheckRequiredClaims(claims);
        if (requiredError is not null)
        {
            return requiredError;
        }

        var paths = ImmutableArray.CreateBuilder<ClaimPath>(placements.Length);
        foreach (var placement in placements)
        {
            paths.Add(placement!.Path);
        }

        return new VerifiedSdJwt(claims, issuerJwt.Header, paths.MoveToImmutable(), keyBindingResult, sdJwt);
    }

    private async ValueTask<VerificationError?> VerifyIssuerSignatureAsync(Jws issuerJwt, JsonElement payload, RawSdJwt raw, CancellationToken cancellationToken)
    {
        var issuer = payload.TryGetString("iss", out var iss) ? iss : null;
        var firstError = await VerifyOneSignatureAsync(issuerJwt, issuer, cancellationToken).ConfigureAwait(false);
        if (firstError is not null)
        {
            return firstError;
        }

        // General JSON serialization (RFC 9901 section 8.1), when the options allow several signatures: every present
        // signature must verify with a trusted key; one garbage signature next to a valid one fails the SD-JWT.
        foreach (var other in raw.AdditionalSignatures)
        {
            var candidate = Jws.FromParts(other.EncodedProtectedHeader, issuerJwt.EncodedPayload, other.EncodedSignature, other.UnprotectedHeader, _jwsOptions);
            if (!candidate.IsValid)
            {
                return candidate.Error;
            }

            var error = CheckType(candidate.Value) ?? await VerifyOneSignatureAsync(candidate.Value, issuer, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private VerificationError? CheckType(Jws jws)
        => _options.AcceptedTypes is { } types && !Contains(types, jws.Type)
            ? new VerificationError(JoseErrors.InvalidType, $"The Issuer-signed JWT 'typ' '{jws.Type}' is not accepted.")
            : null;

    private async ValueTask<VerificationError?> VerifyOneSignatureAsync(Jws jws, string? issuer, CancellationToken cancellationToken)
    {
        // The allow-list is checked before any key is looked up: the token never chooses the algorithm.
        if (!Contains(_options.AllowedAlgorithms, jws.AlgorithmName))
        {
            return new VerificationError(JoseErrors.AlgorithmNotAllowed, $"The algorithm '{jws.AlgorithmName}' is not allowed by this verifier.");
        }

        var key = await _issuerKeys.ResolveAsync(new IssuerKeyRequest(issuer, jws), cancellationToken).ConfigureAwait(false);
        if (!key.IsValid)
        {
            return key.Error;
        }

        return jws.VerifySignature(key.Value, _options.AllowedAlgorithms);
    }

    private VerificationResult<SdHashAlgorithm> ReadHashAlgorithm(JsonElement payload)
    {
        // RFC 9901 section 4.1.1: without _sd_alg the default is sha-256.
        if (!payload.TryGetProperty("_sd_alg", out var alg))
        {
            return Allowed(SdHashAlgorithm.Sha256);
        }

        if (alg.ValueKind != JsonValueKind.String || !SdHashAlgorithm.TryGet(alg.GetString(), out var algorithm))
        {
            return new VerificationError(SdJwtErrors.UnsupportedHashAlgorithm, "'_sd_alg' does not name a supported hash algorithm.");
        }

        return Allowed(algorithm);

        VerificationResult<SdHashAlgorithm> Allowed(SdHashAlgorithm candidate)
        {
            foreach (var a in _options.AllowedHashAlgorithms)
            {
                if (ReferenceEquals(a, candidate))
                {
                    return candidate;
                }
            }

            return new VerificationError(SdJwtErrors.UnsupportedHashAlgorithm, $"The hash algorithm '{candidate.Name}' is not allowed by this verifier.");
        }
    }

    private VerificationError? CheckRequiredClaims(JsonElement claims)
    {
        string? missing = _options.RequireExpirationTime && !claims.TryGetProperty("exp", out _) ? "exp"
            : _options.RequireConfirmationKey && !claims.TryGetProperty("cnf", out _) ? "cnf"
            : _options.RequireStatus && !claims.TryGetProperty("status", out _) ? "status"
            : null;
        return missing is null
            ? null
            : new VerificationError(SdJwtErrors.MissingRequiredClaim, $"The verifier requires '{missing}' and the presented credential has none (or it was withheld).") { Path = ClaimPath.Of(missing) };
    }

    private VerificationError? CheckTimeClaims(JsonElement claims)
    {
        var now = _options.TimeProvider.GetUtcNow();
        var skew = _options.ClockSkew;
        if (!TryReadTime(claims, "exp", out var exp) || !TryReadTime(claims, "nbf", out var nbf) || !TryReadTime(claims, "iat", out var iat))
        {
            return new VerificationError(SdJwtErrors.InvalidTimeClaim, "'exp', 'nbf' and 'iat' must be numeric dates.");
        }

        // Saturating: no skew can move the clock out of range and throw.
        var earliest = SaturatingTime.Subtract(now, skew);
        var latest = SaturatingTime.Add(now, skew);
        if (exp is { } e && earliest >= e)
        {
            return new VerificationError(SdJwtErrors.Expired, "The SD-JWT has expired.");
        }

        if (nbf is { } n && latest < n)
        {
            return new VerificationError(SdJwtErrors.NotYetValid, "The SD-JWT is not valid yet.");
        }

        if (iat is { } i && latest < i)
        {
            return new VerificationError(SdJwtErrors.IssuedInFuture, "The SD-JWT was issued in the future.");
        }

        return null;
    }

    /// <summary>Reads an optional NumericDate (RFC 7519 section 2); false when present but not a sane number.</summary>
    internal static bool TryReadTime(JsonElement claims, string name, out DateTimeOffset? value)
    {
        value = null;
        if (!claims.TryGetProperty(name, out var element))
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var seconds) || double.IsNaN(seconds)
            || seconds < 0 || seconds > 253402300799) // up to 9999-12-31
        {
            return false;
        }

        value = DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
        return true;
    }

    private static bool Contains(System.Collections.Generic.IReadOnlyList<string> values, string? value)
    {
        foreach (var v in values)
        {
            if (string.Equals(v, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(System.Collections.Generic.IReadOnlyList<JwsAlgorithm> values, string name)
    {
        foreach (var v in values)
        {
            if (string.Equals(v.Name, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
