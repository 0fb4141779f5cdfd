using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Credentials.OAuth;

namespace Credentials.OpenId4Vci;

/// <content>DPoP-bound access tokens (RFC 9449) at the token and Credential endpoints.</content>
public sealed partial class OpenId4VciIssuer
{
    /// <summary>The store kind of the DPoP key thumbprint (<c>jkt</c>) a bound access token is bound to.</summary>
    public const string AccessTokenJktKind = "openid4vci.access_token_jkt";

    private readonly DpopProofValidator? _dpop;

    private static DpopProofValidator? CreateDpopValidator(OpenId4VciIssuerOptions options, Protocols.IProtocolStateStore store)
        => options.Dpop is { } dpop ? new DpopProofValidator(store, dpop.Validation with { TimeProvider = options.TimeProvider }) : null;

    /// <summary>
    /// Checks a Token Request's DPoP proof (RFC 9449 section 5) before anything is consumed: returns the validated proof
    /// (the token will be bound to its key), <see langword="null"/> without a failure when the request has no proof and
    /// DPoP is optional, or a 400 <c>invalid_dpop_proof</c> / <c>use_dpop_nonce</c> failure.
    /// </summary>
    private async ValueTask<(IssuerEndpointResult? Failure, ValidatedDpopProof? Proof)> CheckTokenDpopAsync(IssuerHttpRequest request, CancellationToken cancellationToken)
    {
        if (_dpop is null)
        {
            return (null, null);
        }

        var proofs = HeaderValues(request, DpopProof.HeaderName);
        if (proofs.Count == 0 && !_options.Dpop!.Required)
        {
            return (null, null);
        }

        var result = await _dpop.ValidateAsync(proofs, request.Method, request.Url, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.IsValid)
        {
            return (null, result.Value);
        }

        // Section 5: an invalid proof at the token endpoint is a 400 invalid_dpop_proof; section 8: use_dpop_nonce
        // comes with the nonce to use.
        return (await DpopFailureAsync(400, result.Error!, cancellationToken).ConfigureAwait(false), null);
    }

    /// <summary>
    /// Binds a new access token to the proof's key (section 6: the <c>jkt</c> is kept with the token state, here under
    /// its own store kind with the token's lifetime), before the token itself is stored.
    /// </summary>
    private async ValueTask BindAccessTokenAsync(string tokenKey, ValidatedDpopProof? proof, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        if (proof is not null)
        {
            await _store.TryAddAsync(AccessTokenJktKind, tokenKey, proof.Thumbprint, expiresAt, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Checks the DPoP binding of a Pushed Authorization Request (RFC 9449 section 10.1): a <c>dpop_jkt</c> parameter,
    /// a <c>DPoP</c> proof (validated as at the token endpoint, section 4.3, for <c>POST</c> and the PAR URL), or both,
    /// which must then name the same key. Returns the <c>jkt</c> the code is to be bound to (none without either, or
    /// when DPoP is off: unknown parameters and headers are ignored, RFC 6749 section 3.1), the validated proof, or a
    /// failure: 400 <c>invalid_request</c> for a malformed <c>dpop_jkt</c>, 400 <c>invalid_dpop_proof</c> /
    /// <c>use_dpop_nonce</c> for a bad proof or one by another key than <c>dpop_jkt</c>.
    /// </summary>
    private async ValueTask<(IssuerEndpointResult? Failure, string? Jkt, ValidatedDpopProof? Proof)> CheckParDpopAsync(IssuerHttpRequest request, string? dpopJkt, CancellationToken cancellationToken)
    {
        if (_dpop is null)
        {
            return (null, null, null);
        }

        // Section 10: the value is the base64url SHA-256 JWK thumbprint (43 characters); anything else can never match.
        if (dpopJkt is not null && !IsThumbprint(dpopJkt))
        {
            return (IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidRequest, "dpop_jkt must be a base64url SHA-256 JWK thumbprint."), null, null);
        }

        var proofs = HeaderValues(request, DpopProof.HeaderName);
        if (proofs.Count == 0)
        {
            return (null, dpopJkt, null);
        }

        // Section 10.1: with both, the proof's key must be the one of dpop_jkt (the validator's key check).
        var result = await _dpop.ValidateAsync(proofs, request.Method, request.Url, expectedThumbprint: dpopJkt, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return (await DpopFailureAsync(400, result.Error!, cancellationToken).ConfigureAwait(false), null, null);
        }

        return (null, result.Value.Thumbprint, result.Value);
    }

    private static bool IsThumbprint(string value)
    {
        if (value.Length != 43)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A successful Token Response with a fresh <c>DPoP-Nonce</c> when the server requires nonces (section 8.2).</summary>
    private async ValueTask<IssuerEndpointResult> WithDpopNonceAsync(IssuerEndpointResult result, ValidatedDpopProof? proof, CancellationToken cancellationToken)
    {
        if (_dpop is null || proof is null || !_dpop.Options.RequireNonce)
        {
            return result;
        }

        var nonce = await _dpop.CreateNonceAsync(cancellationToken).ConfigureAwait(false);
        return result with { Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [DpopProof.NonceHeaderName] = nonce } };
    }

    /// <summary>The challenge for a Credential Request without an access token: Bearer, and DPoP when enabled (RFC 9449 section 7.1).</summary>
    private string MissingTokenChallenge()
        => _dpop is null ? "Bearer" : _options.Dpop!.Required ? $"{DpopProof.Scheme} algs=\"{string.Join(' ', DpopAlgorithmNames())}\"" : $"Bearer, {DpopProof.Scheme} algs=\"{string.Join(' ', DpopAlgorithmNames())}\"";

    /// <summary>
    /// Reads the access token of a Credential Request: <c>Authorization: Bearer</c>, or <c>Authorization: DPoP</c> when
    /// DPoP is enabled (RFC 9449 section 7.1). Returns <see langword="null"/> when there is none.
    /// </summary>
    private string? ReadAccessToken(IssuerHttpRequest request, out bool dpopScheme)
    {
        dpopScheme = false;
        var authorization = request.GetSingleHeader("Authorization");
        if (authorization is null)
        {
            return null;
        }

        string? token = null;
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = authorization["Bearer ".Length..].Trim();
        }
        else if (_dpop is not null && authorization.StartsWith(DpopProof.Scheme + " ", StringComparison.OrdinalIgnoreCase))
        {
            dpopScheme = true;
            token = authorization[(DpopProof.Scheme.Length + 1)..].Trim();
        }

        return string.IsNullOrEmpty(token) ? null : token;
    }

    /// <summary>
    /// Checks the sender constraint of a known access token at the Credential Endpoint (RFC 9449 section 7), before
    /// anything is consumed: a DPoP-bound token needs the <c>DPoP</c> scheme and a valid proof by its key with its
    /// <c>ath</c>; a Bearer token needs the Bearer scheme, and is refused when DPoP is required.
    /// </summary>
    private async ValueTask<IssuerEndpointResult?> CheckCredentialDpopAsync(IssuerHttpRequest request, string token, string tokenKey, bool dpopScheme, CancellationToken cancellationToken)
    {
        if (_dpop is null)
        {
            return null;
        }

        var jkt = await _store.TryGetAsync(AccessTokenJktKind, tokenKey, _options.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (jkt is null)
        {
            // A Bearer token: only as Bearer (section 7.2), and only while DPoP is optional.
            if (dpopScheme || _options.Dpop!.Required)
            {
                return DpopTokenFailure("The access token is not DPoP-bound.");
            }

            return null;
        }

        // Section 7.2: a DPoP-bound token presented as a Bearer token is refused.
        if (!dpopScheme)
        {
            return DpopTokenFailure("The access token is DPoP-bound: present it with the DPoP scheme and a DPoP proof.");
        }

        // Section 7.1 and check 12 of section 4.3: a proof by the token's key, carrying the token's hash.
        var result = await _dpop.ValidateAsync(HeaderValues(request, DpopProof.HeaderName), request.Method, request.Url, token, jkt, cancellationToken).ConfigureAwait(false);
        return result.IsValid ? null : await DpopFailureAsync(401, result.Error!, cancellationToken).ConfigureAwait(false);
    }

    private IssuerEndpointResult DpopTokenFailure(string description) => new()
    {
        StatusCode = 401,
        Body = new ProtocolErrorResponse { Error = "invalid_token", ErrorDescription = description }.ToJson(),
        WwwAuthenticate = DpopChallenge("invalid_token"),
        Code = OpenId4VciErrors.InvalidToken,
    };

    private async ValueTask<IssuerEndpointResult> DpopFailureAsync(int status, VerificationError error, CancellationToken cancellationToken)
    {
        var protocolError = DpopErrors.ToProtocolError(error.Code);
        IReadOnlyDictionary<string, string>? headers = null;
        if (error.Code == DpopErrors.UseNonce)
        {
            // Sections 8 and 9: the answer carries the nonce the client is to put in its next proof.
            var nonce = await _dpop!.CreateNonceAsync(cancellationToken).ConfigureAwait(false);
            headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [DpopProof.NonceHeaderName] = nonce };
        }

        var result = new IssuerEndpointResult
        {
            StatusCode = status,
            Body = new ProtocolErrorResponse { Error = protocolError, ErrorDescription = error.Message }.ToJson(),

            // Section 7.1: a resource answers with a DPoP challenge; the token endpoint answers with the body only.
            WwwAuthenticate = status == 401 ? DpopChallenge(protocolError) : null,
            Code = error.Code,
        };
        return headers is null ? result : result with { Headers = headers };
    }

    private string DpopChallenge(string error)
        => $"{DpopProof.Scheme} error=\"{error}\", algs=\"{string.Join(' ', DpopAlgorithmNames())}\"";

    private List<string> DpopAlgorithmNames()
    {
        var names = new List<string>();
        foreach (var algorithm in _dpop?.Options.AllowedAlgorithms ?? [])
        {
            names.Add(algorithm.Name);
        }

        return names;
    }

    private static IReadOnlyList<string> HeaderValues(IssuerHttpRequest request, string name)
    {
        if (request.Headers.TryGetValue(name, out var values))
        {
            return values;
        }

        // The contract promises case-insensitive keys; a dictionary built otherwise is still searched.
        List<string>? found = null;
        foreach (var (key, list) in request.Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                (found ??= []).AddRange(list);
            }
        }

        return found is null ? [] : found;
    }
}
