using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Internal;
using Credentials.Jose;
using Credentials.SdJwt;
using Credentials.Trust;

namespace Credentials.Status;

/// <summary>
/// Verifies Status List Tokens in JWT format (draft-ietf-oauth-status-list sections 5.1 and 8.3). Stateless and
/// thread-safe. Checks run in this order: size and JWS syntax → <c>typ</c> → signer key → signature → required
/// claims → <c>sub</c> equals the referenced URI → <c>exp</c>, <c>nbf</c>, <c>iat</c> → <c>status_list</c> (bits,
/// capped inflation). Nothing in the payload is trusted before the signature check.
/// </summary>
public sealed class StatusListTokenVerifier
{
    private readonly StatusListTokenVerifierOptions _options;
    private readonly IIssuerKeyResolver _keyResolver;
    private readonly JwsReaderOptions _jwsOptions;

    /// <summary>Creates a verifier.</summary>
    /// <param name="keyResolver">Finds the Status Issuer's key; configured separately from the credential issuer's keys.</param>
    /// <param name="options">Limits and policy; <see cref="StatusListTokenVerifierOptions.Default"/> when omitted.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public StatusListTokenVerifier(IIssuerKeyResolver keyResolver, StatusListTokenVerifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(keyResolver);
        options ??= StatusListTokenVerifierOptions.Default;
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        ArgumentNullException.ThrowIfNull(options.AllowedAlgorithms, nameof(options));
        if (options.MaxDecompressedBytes <= 0 || options.MaxTokenLength <= 0 || options.ClockSkew < TimeSpan.Zero || options.MaxAge <= TimeSpan.Zero)
        {
            throw new ArgumentException("Limits must be positive and the clock skew non-negative.", nameof(options));
        }

        if (options.ClockSkew > StatusListTokenVerifierOptions.MaxClockSkew || options.AllowedAlgorithms.Count == 0)
        {
            throw new ArgumentException($"The clock skew must be at most {StatusListTokenVerifierOptions.MaxClockSkew}, and at least one algorithm allowed.", nameof(options));
        }

        _keyResolver = keyResolver;
        _options = options;
        _jwsOptions = new JwsReaderOptions { MaxTokenLength = options.MaxTokenLength };
    }

    /// <summary>The options.</summary>
    public StatusListTokenVerifierOptions Options => _options;

    /// <summary>Verifies a Status List Token for the list a credential references. Never throws for bad input.</summary>
    /// <param name="token">The compact JWT.</param>
    /// <param name="expectedUri">The <c>uri</c> from the credential's <c>status_list</c> reference; <c>sub</c> must equal it exactly.</param>
    /// <param name="cancellationToken">Cancels key resolution.</param>
    public async ValueTask<VerificationResult<StatusListToken>> VerifyAsync(string token, string expectedUri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(expectedUri);
        var parsed = Jws.ReadCompact(token, _jwsOptions);
        if (!parsed.IsValid)
        {
            return parsed.Error.Code == JoseErrors.TooLarge
                ? new VerificationError(StatusErrors.TooLarge, $"The Status List Token is longer than {_options.MaxTokenLength} characters.") { Inner = parsed.Error }
                : new VerificationError(StatusErrors.InvalidListToken, "The Status List Token is not a well-formed JWS.") { Inner = parsed.Error };
        }

        var jws = parsed.Value;

        // Section 5.1: typ MUST be statuslist+jwt. RFC 7515 section 4.1.9: media types are case-insensitive and the
        // "application/" prefix may be omitted.
        if (!IsStatusListType(jws.Type))
        {
            return new VerificationError(StatusErrors.InvalidType, "The token's typ is not statuslist+jwt.");
        }

        var payloadResult = jws.ParsePayload(_jwsOptions);
        if (!payloadResult.IsValid)
        {
            return new VerificationError(StatusErrors.InvalidListToken, "The Status List Token's payload is not a JSON object.") { Inner = payloadResult.Error };
        }

        var payload = payloadResult.Value;
        string? issuer = null;
        if (payload.TryGetProperty("iss", out var issElement))
        {
            if (issElement.ValueKind != JsonValueKind.String)
            {
                return new VerificationError(StatusErrors.InvalidListToken, "iss must be a string.");
            }

            issuer = issElement.GetString();
        }

        var key = await _keyResolver.ResolveAsync(new IssuerKeyRequest(issuer, jws), cancellationToken).ConfigureAwait(false);
        if (!key.IsValid)
        {
            return new VerificationError(StatusErrors.UntrustedSigner, "No trusted key was found for the Status List Token's signer.") { Inner = key.Error };
        }

        var signatureError = jws.VerifySignature(key.Value, _options.AllowedAlgorithms);
        if (signatureError is not null)
        {
            return new VerificationError(StatusErrors.InvalidSignature, "The Status List Token's signature does not verify.") { Inner = signatureError };
        }

        return ReadClaims(token, payload, issuer, expectedUri);
    }

    private VerificationResult<StatusListToken> ReadClaims(string token, JsonElement payload, string? issuer, string expectedUri)
    {
        if (!payload.TryGetProperty("sub", out var subElement) || subElement.ValueKind != JsonValueKind.String)
        {
            return new VerificationError(StatusErrors.InvalidListToken, "The Status List Token has no string sub.");
        }

        if (!TryReadNumericDate(payload, "iat", required: true, out var iat) || iat is null)
        {
            return new VerificationError(StatusErrors.InvalidListToken, "The Status List Token has no valid iat.");
        }

        if (!TryReadNumericDate(payload, "exp", required: false, out var exp)
            || !TryReadNumericDate(payload, "nbf", required: false, out var nbf))
        {
            return new VerificationError(StatusErrors.InvalidListToken, "exp and nbf must be NumericDate values.");
        }

        if (exp is null && _options.RequireExpiration)
        {
            return new VerificationError(StatusErrors.InvalidListToken, "The Status List Token has no exp, which this verifier requires.");
        }

        TimeSpan? ttl = null;
        if (payload.TryGetProperty("ttl", out var ttlElement))
        {
            // Section 5.1: ttl MUST be a positive number.
            if (ttlElement.ValueKind != JsonValueKind.Number || !ttlElement.TryGetDouble(out var seconds) || !double.IsFinite(seconds) || seconds <= 0)
            {
                return new VerificationError(StatusErrors.InvalidListToken, "ttl must be a positive number.");
            }

            ttl = TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2));
        }

        if (!payload.TryGetProperty("status_list", out var statusList) || statusList.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(StatusErrors.InvalidListToken, "The Status List Token has no status_list object.");
        }

        if (!statusList.TryGetProperty("bits", out var bitsElement) || bitsElement.ValueKind != JsonValueKind.Number
            || !bitsElement.TryGetInt32(out var bits) || !StatusList.IsValidBits(bits))
        {
            return new VerificationError(StatusErrors.InvalidListToken, "status_list.bits must be 1, 2, 4 or 8.");
        }

        if (!statusList.TryGetProperty("lst", out var lstElement) || lstElement.ValueKind != JsonValueKind.String)
        {
            return new VerificationError(StatusErrors.InvalidListToken, "status_list.lst must be a string.");
        }

        string? aggregationUri = null;
        if (statusList.TryGetProperty("aggregation_uri", out var aggregation))
        {
            if (aggregation.ValueKind != JsonValueKind.String || !StatusReference.IsAbsoluteUri(aggregation.GetString()))
            {
                return new VerificationError(StatusErrors.InvalidListToken, "status_list.aggregation_uri must be an absolute URI.");
            }

            aggregationUri = aggregation.GetString();
        }

        // Section 8.3 step 4a: sub MUST equal the uri of the Referenced Token's status_list (exact string comparison).
        var subject = subElement.GetString()!;
        if (!string.Equals(subject, expectedUri, StringComparison.Ordinal))
        {
            return new VerificationError(StatusErrors.SubjectMismatch, "The Status List Token's sub is not the URI the credential references.");
        }

        var timeError = CheckTime(iat.Value, exp, nbf);
        if (timeError is not null)
        {
            return timeError;
        }

        var list = StatusList.Decode(lstElement.GetString()!, bits, _options.MaxDecompressedBytes);
        if (!list.IsValid)
        {
            return list.Error;
        }

        return new StatusListToken(token, payload, subject, issuer, iat.Value, exp, nbf, ttl, list.Value, aggregationUri);
    }

    /// <summary>Re-checks the times of an already verified token against the current clock (for cached tokens).</summary>
    internal VerificationError? CheckTime(StatusListToken token) => CheckTime(token.IssuedAt, token.ExpiresAt, token.NotBefore);

    private VerificationError? CheckTime(DateTimeOffset iat, DateTimeOffset? exp, DateTimeOffset? nbf)
    {
        // Saturating arithmetic: no option value can move a bound out of range and throw.
        var now = _options.TimeProvider.GetUtcNow();
        var skew = _options.ClockSkew;
        var latest = SaturatingTime.Add(now, skew);
        if (exp is { } e && now >= SaturatingTime.Add(e, skew))
        {
            return new VerificationError(StatusErrors.ListExpired, "The Status List Token has expired.");
        }

        if (nbf is { } n && latest < n)
        {
            return new VerificationError(StatusErrors.ListNotYetValid, "The Status List Token is not valid yet (nbf).");
        }

        if (latest < iat)
        {
            return new VerificationError(StatusErrors.ListNotYetValid, "The Status List Token was issued in the future (iat).");
        }

        if (_options.MaxAge is { } maxAge && iat < SaturatingTime.Subtract(now, SaturatingTime.Add(maxAge, skew)))
        {
            return new VerificationError(StatusErrors.ListExpired, "The Status List Token is older than this verifier's maximum age.");
        }

        return null;
    }

    internal static bool IsStatusListType(string? type)
        => string.Equals(type, StatusListTokenIssuer.TokenType, StringComparison.OrdinalIgnoreCase)
            || string.Equals(type, StatusListTokenIssuer.MediaType, StringComparison.OrdinalIgnoreCase);

    private static bool TryReadNumericDate(JsonElement payload, string name, bool required, out DateTimeOffset? value)
    {
        value = null;
        if (!payload.TryGetProperty(name, out var element))
        {
            return !required;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var seconds) || !double.IsFinite(seconds)
            || seconds < 0 || seconds > 253402300799)
        {
            return false;
        }

        value = DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(seconds));
        return true;
    }
}
