using System;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Internal;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Protocols;

namespace Credentials.OAuth;

/// <summary>
/// Validates DPoP proofs (RFC 9449 section 4.3) for a server: the authorization server's token endpoint and the
/// resources that accept DPoP-bound access tokens. Issues and checks the server's nonces (section 8). Thread-safe;
/// the used <c>jti</c> values and the nonce keys live in the <see cref="IProtocolStateStore"/>, so several instances
/// sharing one store refuse each other's replays and accept each other's nonces.
/// </summary>
/// <remarks>
/// <para>Checks, in order: one proof; its length; a compact JWS with a JSON payload; <c>typ</c>; <c>alg</c> on the
/// allow-list (never <c>none</c> or a MAC); a public <c>jwk</c>; the signature; the claims <c>jti</c>, <c>htm</c>,
/// <c>htu</c>, <c>iat</c>; <c>htm</c> and <c>htu</c> against the request; <c>iat</c> in the window; the nonce when
/// required; <c>ath</c> when an access token is presented; the key against the expected <c>jkt</c>; and last the
/// <c>jti</c>, recorded atomically (<see cref="IProtocolStateStore.TryAddAsync"/>) so that of two requests with one
/// proof exactly one passes.</para>
/// <para>Nonces are stateless: a nonce is its issue time and an HMAC-SHA-256 over it under a key of the current
/// period (one period per <see cref="DpopProofValidatorOptions.NonceLifetime"/>). The keys are random, created once
/// per period in the store (the first instance to add one wins, the others read it), kept there until every nonce made
/// with them has expired, and so survive a restart when the store does.</para>
/// </remarks>
public sealed class DpopProofValidator
{
    /// <summary>The store kind of used <c>jti</c> values.</summary>
    public const string JtiKind = "dpop.jti";

    /// <summary>The store kind of the keys that authenticate server nonces.</summary>
    public const string NonceKeyKind = "dpop.nonce_key";

    private const int MaxJtiLength = 256;
    private const int NonceLength = 25; // version (1) + issue time (8) + truncated HMAC (16)
    private const byte NonceVersion = 1;

    private readonly IProtocolStateStore _store;
    private readonly DpopProofValidatorOptions _options;
    private readonly JwsReaderOptions _readerOptions;
    private readonly long _period;
    private readonly ConcurrentDictionary<long, byte[]> _nonceKeys = new();

    /// <summary>Creates a validator.</summary>
    /// <param name="store">Where used <c>jti</c> values and nonce keys live (shared by every instance of the server).</param>
    /// <param name="options">Options; defaults when omitted.</param>
    /// <exception cref="InvalidOperationException">The options are invalid.</exception>
    public DpopProofValidator(IProtocolStateStore store, DpopProofValidatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new DpopProofValidatorOptions();
        options.Validate();
        _store = store;
        _options = options;
        _readerOptions = new JwsReaderOptions { MaxTokenLength = options.MaxProofLength, MaxJsonDepth = 8 };
        _period = Math.Max(1, (long)options.NonceLifetime.TotalSeconds);
    }

    /// <summary>The options.</summary>
    public DpopProofValidatorOptions Options => _options;

    /// <summary>
    /// Validates the proof of a request given every <c>DPoP</c> header value it carried (none, one, or several: only
    /// exactly one is valid, RFC 9449 section 4.3 check 1). Never throws for bad input.
    /// </summary>
    /// <param name="proofHeaderValues">The values of the request's <c>DPoP</c> headers.</param>
    /// <param name="method">The request's HTTP method.</param>
    /// <param name="url">The request's absolute URL as the client addressed it.</param>
    /// <param name="accessToken">The access token presented with the request, for <c>ath</c>; <see langword="null"/> at the token endpoint.</param>
    /// <param name="expectedThumbprint">The <c>jkt</c> the access token (or code) is bound to, if any.</param>
    /// <param name="cancellationToken">Cancels the store.</param>
    /// <returns>The validated proof, or a <see cref="DpopErrors"/> error.</returns>
    /// <exception cref="ArgumentException">The method is empty, or the URL is not an absolute http(s) URL.</exception>
    public ValueTask<VerificationResult<ValidatedDpopProof>> ValidateAsync(IReadOnlyList<string>? proofHeaderValues, string method, Uri url, string? accessToken = null, string? expectedThumbprint = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(url);
        if (DpopProof.NormalizeHtu(url) is null)
        {
            throw new ArgumentException("The request URL must be an absolute http or https URL without user info.", nameof(url));
        }

        if (proofHeaderValues is null || proofHeaderValues.Count == 0)
        {
            return ValueTask.FromResult<VerificationResult<ValidatedDpopProof>>(new VerificationError(DpopErrors.MissingProof, "The request carries no DPoP proof."));
        }

        if (proofHeaderValues.Count > 1)
        {
            return ValueTask.FromResult<VerificationResult<ValidatedDpopProof>>(new VerificationError(DpopErrors.MultipleProofs, "The request carries more than one DPoP header."));
        }

        return ValidateCoreAsync(proofHeaderValues[0], method, url, accessToken, expectedThumbprint, cancellationToken);
    }

    private async ValueTask<VerificationResult<ValidatedDpopProof>> ValidateCoreAsync(string? proof, string method, Uri url, string? accessToken, string? expectedThumbprint, CancellationToken cancellationToken)
    {
        var requestHtu = DpopProof.NormalizeHtu(url)!;
        if (string.IsNullOrEmpty(proof))
        {
            return new VerificationError(DpopErrors.MissingProof, "The request carries no DPoP proof.");
        }

        // Check 1: several header fields folded into one value (RFC 9110 section 5.3) show as a list; a JWS has no comma.
        if (proof.Contains(',', StringComparison.Ordinal))
        {
            return new VerificationError(DpopErrors.MultipleProofs, "The request carries more than one DPoP proof.");
        }

        if (proof.Length > _options.MaxProofLength)
        {
            return new VerificationError(DpopErrors.TooLarge, $"The DPoP proof is longer than {_options.MaxProofLength} characters.");
        }

        // Check 2: a well-formed JWT. Jws refuses 'none', MAC and unknown algorithms while reading (check 5).
        var read = Jws.ReadCompact(proof.Trim(), _readerOptions);
        if (!read.IsValid)
        {
            var code = read.Error.Code == JoseErrors.UnsupportedAlgorithm ? DpopErrors.UnsupportedAlgorithm : DpopErrors.InvalidProof;
            return new VerificationError(code, "The DPoP proof is not a well-formed JWS.") { Inner = read.Error };
        }

        var jws = read.Value;

        // Check 4: typ is dpop+jwt.
        if (!string.Equals(jws.Type, DpopProof.Type, StringComparison.Ordinal))
        {
            return new VerificationError(DpopErrors.InvalidType, "The DPoP proof's typ is not dpop+jwt.");
        }

        // Check 5: an asymmetric algorithm this server accepts.
        JwsAlgorithm? algorithm = null;
        foreach (var allowed in _options.AllowedAlgorithms)
        {
            if (string.Equals(allowed.Name, jws.AlgorithmName, StringComparison.Ordinal))
            {
                algorithm = allowed;
                break;
            }
        }

        if (algorithm is null)
        {
            return new VerificationError(DpopErrors.UnsupportedAlgorithm, $"The DPoP algorithm '{jws.AlgorithmName}' is not accepted by this server.");
        }

        // Check 7 (before the signature, which it is used for): the jwk header is a public key.
        if (!jws.Header.TryGetProperty("jwk", out var jwkElement))
        {
            return new VerificationError(DpopErrors.InvalidKey, "The DPoP proof has no jwk header.");
        }

        var jwk = Jwk.ReadPublic(jwkElement);
        if (!jwk.IsValid)
        {
            return new VerificationError(DpopErrors.InvalidKey, jwk.Error.Code == KeyErrors.PrivateKeyMaterial ? "The DPoP proof's jwk carries private key material." : "The DPoP proof's jwk is not a usable public key.") { Inner = jwk.Error };
        }

        // Check 6: the signature verifies with that key.
        var key = VerificationKey.FromJwk(jwk.Value);
        if (!key.IsValid)
        {
            return new VerificationError(DpopErrors.InvalidKey, "The DPoP proof's jwk is not a usable public key.") { Inner = key.Error };
        }

        using (var verificationKey = key.Value)
        {
            var signature = jws.VerifySignature(verificationKey, [algorithm]);
            if (signature is not null)
            {
                var code = signature.Code == JoseErrors.InvalidSignature ? DpopErrors.InvalidSignature : DpopErrors.InvalidKey;
                return new VerificationError(code, "The DPoP proof's signature does not verify with its jwk.") { Inner = signature };
            }
        }

        // Check 3: the required claims, with their types.
        var payload = jws.ParsePayload(_readerOptions);
        if (!payload.IsValid)
        {
            return new VerificationError(DpopErrors.InvalidProof, "The DPoP proof's payload is not a JSON object.") { Inner = payload.Error };
        }

        var claims = payload.Value;
        if (!claims.TryGetString("jti", out var jti) || jti.Length is 0 or > MaxJtiLength
            || !claims.TryGetString("htm", out var htm) || !claims.TryGetString("htu", out var htu)
            || !TryGetIssuedAt(claims, out var issuedAt))
        {
            return new VerificationError(DpopErrors.InvalidProof, "The DPoP proof needs a jti (1 to 256 characters), htm and htu strings, and a numeric iat.");
        }

        if (!AttestationJwt.TryReadString(claims, "nonce", out var nonce) || !AttestationJwt.TryReadString(claims, "ath", out var ath))
        {
            return new VerificationError(DpopErrors.InvalidProof, "The DPoP proof's nonce and ath must be strings.");
        }

        // Check 8: htm is the request's method (methods are case-sensitive, RFC 9110 section 9.1).
        if (!string.Equals(htm, method, StringComparison.Ordinal))
        {
            return new VerificationError(DpopErrors.HtmMismatch, "The DPoP proof is for another HTTP method.");
        }

        // Check 9: htu is the request's URL, both without query and fragment, after syntax- and scheme-based
        // normalisation (RFC 3986 sections 6.2.2 and 6.2.3).
        if (!string.Equals(DpopProof.NormalizeHtu(htu), requestHtu, StringComparison.Ordinal))
        {
            return new VerificationError(DpopErrors.HtuMismatch, "The DPoP proof is for another URL.");
        }

        // Check 11: iat within the window.
        var now = _options.TimeProvider.GetUtcNow();
        if (issuedAt > now + _options.ClockSkew)
        {
            return new VerificationError(DpopErrors.NotYetValid, "The DPoP proof's iat is in the future.");
        }

        if (issuedAt < now - _options.MaxAge - _options.ClockSkew)
        {
            return new VerificationError(DpopErrors.Stale, "The DPoP proof is too old.");
        }

        // Check 10: the server's nonce, when it requires one (section 8).
        if (_options.RequireNonce)
        {
            if (nonce is null)
            {
                return new VerificationError(DpopErrors.UseNonce, "This server requires a DPoP nonce.");
            }

            if (!await IsValidNonceAsync(nonce, now, cancellationToken).ConfigureAwait(false))
            {
                return new VerificationError(DpopErrors.UseNonce, "The DPoP nonce is not one this server issued, or it expired.");
            }
        }

        // Check 12: with an access token, ath is its hash and the key is the one the token is bound to.
        if (accessToken is not null)
        {
            if (ath is null || !FixedTimeEquals(ath, DpopProof.ComputeAccessTokenHash(accessToken)))
            {
                return new VerificationError(DpopErrors.AthMismatch, "The DPoP proof's ath is not the hash of the presented access token.");
            }
        }

        var thumbprint = jwk.Value.ComputeThumbprint();
        if (expectedThumbprint is not null && !FixedTimeEquals(thumbprint, expectedThumbprint))
        {
            return new VerificationError(DpopErrors.KeyMismatch, "The DPoP proof is signed by another key than the one the token is bound to.");
        }

        // Section 11.1: the jti is remembered, per target URI, for as long as the proof would be accepted; TryAdd is
        // atomic, so of concurrent requests with one proof exactly one gets through.
        var replayUntil = issuedAt + _options.MaxAge + _options.ClockSkew;
        if (replayUntil <= now)
        {
            replayUntil = now + TimeSpan.FromSeconds(1);
        }

        if (!await _store.TryAddAsync(JtiKind, JtiKey(requestHtu, jti), "1", replayUntil, cancellationToken).ConfigureAwait(false))
        {
            return new VerificationError(DpopErrors.Replayed, "A DPoP proof with this jti was already used.");
        }

        return new ValidatedDpopProof { Key = jwk.Value, Thumbprint = thumbprint, Jti = jti, IssuedAt = issuedAt, Algorithm = jws.AlgorithmName, Nonce = nonce };
    }

    /// <summary>
    /// Creates a fresh server nonce for the <c>DPoP-Nonce</c> header (RFC 9449 section 8), valid for
    /// <see cref="DpopProofValidatorOptions.NonceLifetime"/> on every instance that shares the store.
    /// </summary>
    /// <param name="cancellationToken">Cancels the store.</param>
    /// <returns>The nonce (base64url, 34 characters).</returns>
    public async ValueTask<string> CreateNonceAsync(CancellationToken cancellationToken = default)
    {
        var issued = _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        var period = FloorDiv(issued, _period);
        var key = await GetOrCreateNonceKeyAsync(period, cancellationToken).ConfigureAwait(false);
        Span<byte> nonce = stackalloc byte[NonceLength];
        nonce[0] = NonceVersion;
        BinaryPrimitives.WriteInt64BigEndian(nonce[1..9], issued);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, nonce[..9], mac);
        mac[..16].CopyTo(nonce[9..]);
        return StrictBase64Url.Encode(nonce);
    }

    private async ValueTask<bool> IsValidNonceAsync(string nonce, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var bytes = nonce.Length == 34 ? StrictBase64Url.TryDecode(nonce.AsSpan()) : null;
        if (bytes is not { Length: NonceLength } || bytes[0] != NonceVersion)
        {
            return false;
        }

        var issued = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(1, 8));
        var seconds = now.ToUnixTimeSeconds();
        var skew = (long)_options.ClockSkew.TotalSeconds;

        // The time is checked before any key is looked up, so a forged nonce never makes the store work for long.
        if (issued > seconds + skew || issued < seconds - _period - skew)
        {
            return false;
        }

        var key = await GetNonceKeyAsync(FloorDiv(issued, _period), now, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, bytes.AsSpan(0, 9), mac);
        return CryptographicOperations.FixedTimeEquals(mac[..16], bytes.AsSpan(9));
    }

    private async ValueTask<byte[]> GetOrCreateNonceKeyAsync(long period, CancellationToken cancellationToken)
    {
        var now = _options.TimeProvider.GetUtcNow();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var existing = await GetNonceKeyAsync(period, now, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                return existing;
            }

            var fresh = new byte[32];
            RandomNumberGenerator.Fill(fresh);

            // Kept until the last nonce of the period has expired (the period's end plus a lifetime and the skew).
            var expiresAt = DateTimeOffset.FromUnixTimeSeconds(SaturatingAdd(SaturatingAdd(period, 1) * _period, _period))
                + _options.ClockSkew + TimeSpan.FromSeconds(1);
            if (await _store.TryAddAsync(NonceKeyKind, KeyName(period), StrictBase64Url.Encode(fresh), expiresAt, cancellationToken).ConfigureAwait(false))
            {
                _nonceKeys[period] = fresh;
                Prune(period);
                return fresh;
            }

            // Another instance added the period's key first: read that one.
        }

        throw new InvalidOperationException("The DPoP nonce key of the current period could neither be read nor added to the store.");
    }

    private async ValueTask<byte[]?> GetNonceKeyAsync(long period, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A period's key is added once and never changes, so a copy in memory is always the store's.
        if (_nonceKeys.TryGetValue(period, out var cached))
        {
            return cached;
        }

        var stored = await _store.TryGetAsync(NonceKeyKind, KeyName(period), now, cancellationToken).ConfigureAwait(false);
        if (stored is null || StrictBase64Url.TryDecode(stored.AsSpan()) is not { Length: 32 } key)
        {
            return null;
        }

        _nonceKeys[period] = key;
        Prune(period);
        return key;
    }

    private void Prune(long current)
    {
        if (_nonceKeys.Count <= 4)
        {
            return;
        }

        foreach (var period in _nonceKeys.Keys)
        {
            if (period < current - 2)
            {
                _nonceKeys.TryRemove(period, out _);
            }
        }
    }

    private static string KeyName(long period) => period.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static long FloorDiv(long value, long divisor) => value >= 0 ? value / divisor : ((value + 1) / divisor) - 1;

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private static string JtiKey(string htu, string jti)
    {
        // The key is the hash of the target URI and the jti, so that its length does not depend on the client.
        var bytes = Encoding.UTF8.GetBytes(string.Concat(htu, "\n", jti));
        return StrictBase64Url.Encode(SHA256.HashData(bytes));
    }

    private static bool TryGetIssuedAt(JsonElement claims, out DateTimeOffset issuedAt)
    {
        issuedAt = default;

        // RFC 7519 section 2: a NumericDate may have a fraction; it is truncated to the second.
        if (!claims.TryGetProperty("iat", out var element) || element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var value)
            || !double.IsFinite(value) || value is < -62135596800 or > 253402300799)
        {
            return false;
        }

        issuedAt = DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(value));
        return true;
    }

    private static bool FixedTimeEquals(string a, string b)
        => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
