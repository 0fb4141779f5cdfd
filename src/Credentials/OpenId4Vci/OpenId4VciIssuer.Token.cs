using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Credentials.OAuth;

namespace Credentials.OpenId4Vci;

/// <content>The token endpoint (OpenID4VCI 1.0 section 6, RFC 6749 sections 4.1.3 and 5).</content>
public sealed partial class OpenId4VciIssuer
{
    /// <summary>
    /// Answers a Token Request (<c>POST {path}/token</c>): exchanges a Pre-Authorized Code (and Transaction Code) for an
    /// access token. The form parameters are given as received; a repeated parameter is <c>invalid_request</c>
    /// (RFC 6749 section 3.2).
    /// </summary>
    /// <param name="form">The <c>application/x-www-form-urlencoded</c> parameters, each with every value received.</param>
    /// <param name="cancellationToken">Cancels the store.</param>
    /// <returns>200 with the Token Response, or an OAuth error.</returns>
    // The shipped overload keeps its optional token; the overload taking IssuerHttpRequest has none (no ambiguity).
#pragma warning disable RS0027
    public ValueTask<IssuerEndpointResult> HandleTokenRequestAsync(IReadOnlyDictionary<string, IReadOnlyList<string>> form, CancellationToken cancellationToken = default)
        => HandleTokenRequestAsync(IssuerHttpRequest.Create("POST", TokenEndpoint), form, cancellationToken);
#pragma warning restore RS0027

    /// <summary>
    /// Answers a Token Request (<c>POST {path}/token</c>) with the HTTP facts of the request (its URL and headers, for
    /// sender-constrained tokens and client authentication). The form parameters are given as received; a repeated
    /// parameter is <c>invalid_request</c> (RFC 6749 section 3.2).
    /// </summary>
    /// <param name="request">The request's method, URL and headers.</param>
    /// <param name="form">The <c>application/x-www-form-urlencoded</c> parameters, each with every value received.</param>
    /// <param name="cancellationToken">Cancels the store.</param>
    /// <returns>200 with the Token Response, or an OAuth error.</returns>
    public async ValueTask<IssuerEndpointResult> HandleTokenRequestAsync(IssuerHttpRequest request, IReadOnlyDictionary<string, IReadOnlyList<string>> form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(form);
        foreach (var (name, values) in form)
        {
            if (values.Count > 1)
            {
                return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidRequest, $"The parameter '{name}' is repeated.");
            }
        }

        // RFC 9449 section 5: the DPoP proof is checked before anything (the code, its attempts) is touched.
        var (dpopFailure, dpopProof) = await CheckTokenDpopAsync(request, cancellationToken).ConfigureAwait(false);
        if (dpopFailure is not null)
        {
            return dpopFailure;
        }

        // HAIP 1.0 section 4.4: the Wallet authenticates with its wallet attestation when the issuer requires it.
        var (clientFailure, client) = await AuthenticateClientAsync(request, Single(form, "client_id"), cancellationToken).ConfigureAwait(false);
        if (clientFailure is not null)
        {
            return clientFailure;
        }

        var grantType = Single(form, "grant_type");
        if (string.IsNullOrEmpty(grantType))
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidRequest, "grant_type is required.");
        }

        if (string.Equals(grantType, CredentialOffer.AuthorizationCodeGrantType, StringComparison.Ordinal))
        {
            return await HandleAuthorizationCodeGrantAsync(form, dpopProof, client, cancellationToken).ConfigureAwait(false);
        }

        if (!string.Equals(grantType, CredentialOffer.PreAuthorizedCodeGrantType, StringComparison.Ordinal))
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.UnsupportedGrantType, "Only the pre-authorized_code and authorization_code grants are supported.");
        }

        var code = Single(form, "pre-authorized_code");
        if (string.IsNullOrEmpty(code))
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidRequest, "pre-authorized_code is required.");
        }

        var txCode = Single(form, "tx_code");
        var key = Hash(code);
        for (var attempt = 0; attempt < MaxCasAttempts; attempt++)
        {
            var now = _options.TimeProvider.GetUtcNow();
            var stored = await _store.TryGetAsync(PreAuthorizedCodeKind, key, now, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidGrant, "The Pre-Authorized Code is unknown, expired or already used.");
            }

            var state = CodeState.Read(stored);

            // Section 6.3: a missing or unexpected Transaction Code is invalid_request; a wrong one is invalid_grant.
            if (state.TxHash is null && txCode is not null)
            {
                return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidRequest, "This offer has no Transaction Code, but tx_code was sent.");
            }

            if (state.TxHash is not null && txCode is null)
            {
                return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidRequest, "This offer requires tx_code.");
            }

            if (state.TxHash is not null && !FixedTimeEquals(state.TxHash, HashTransactionCode(code, txCode!)))
            {
                var failed = state with { FailedAttempts = state.FailedAttempts + 1 };
                if (failed.FailedAttempts >= _options.MaxTransactionCodeAttempts)
                {
                    // Too many guesses: the code dies (errata set 1, "Transaction Code Guessing").
                    await _store.TryConsumeAsync(PreAuthorizedCodeKind, key, now, cancellationToken).ConfigureAwait(false);
                    return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidGrant, "The Transaction Code is wrong; the Pre-Authorized Code is now invalid.");
                }

                if (await _store.TryUpdateAsync(PreAuthorizedCodeKind, key, stored, failed.ToJson(), now, cancellationToken).ConfigureAwait(false))
                {
                    return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidGrant, "The Transaction Code is wrong.");
                }

                // Another request changed the state meanwhile: count again on the new state.
                continue;
            }

            // Single use, atomically: of two concurrent requests with the right code, exactly one gets it.
            if (await _store.TryConsumeAsync(PreAuthorizedCodeKind, key, now, cancellationToken).ConfigureAwait(false) is null)
            {
                return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidGrant, "The Pre-Authorized Code is unknown, expired or already used.");
            }

            return await IssueAccessTokenAsync(new CodeState(state.ConfigurationIds, state.SubjectId, null, 0), dpopProof, false, now, cancellationToken).ConfigureAwait(false);
        }

        return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidGrant, "The Pre-Authorized Code kept changing concurrently.");
    }

    /// <summary>
    /// Issues the access token of a granted code (either grant): binds it to the DPoP proof's key when there is one
    /// (RFC 9449 section 6: the <c>jkt</c> is stored before the token, so the token is never usable unbound), stores
    /// its state, and answers the Token Response with <c>token_type</c> <c>DPoP</c> or <c>Bearer</c>, the
    /// <c>authorization_details</c> with <c>credential_identifiers</c> when asked (OpenID4VCI 1.0 section 6.2; each
    /// configuration's identifier is its id), and a fresh <c>DPoP-Nonce</c> when nonces are required (section 8.2).
    /// </summary>
    private async ValueTask<IssuerEndpointResult> IssueAccessTokenAsync(CodeState tokenState, ValidatedDpopProof? proof, bool withDetails, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var accessToken = RandomToken();
        var tokenKey = Hash(accessToken);
        var expiresAt = now + _options.AccessTokenLifetime;
        await BindAccessTokenAsync(tokenKey, proof, expiresAt, cancellationToken).ConfigureAwait(false);
        await _store.TryAddAsync(AccessTokenKind, tokenKey, tokenState.ToJson(), expiresAt, cancellationToken).ConfigureAwait(false);
        var body = OpenId4VciJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", accessToken);
            w.WriteString("token_type", proof is null ? "Bearer" : DpopProof.Scheme);
            w.WriteNumber("expires_in", (int)Math.Ceiling(_options.AccessTokenLifetime.TotalSeconds));
            if (withDetails)
            {
                w.WriteStartArray("authorization_details");
                foreach (var id in tokenState.ConfigurationIds)
                {
                    w.WriteStartObject();
                    w.WriteString("type", OpenIdCredentialDetailsType);
                    w.WriteString("credential_configuration_id", id);
                    w.WriteStartArray("credential_identifiers");
                    w.WriteStringValue(id);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        });
        return await WithDpopNonceAsync(IssuerEndpointResult.Ok(body), proof, cancellationToken).ConfigureAwait(false);
    }

    private static string? Single(IReadOnlyDictionary<string, IReadOnlyList<string>> form, string name)
        => form.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;
}
