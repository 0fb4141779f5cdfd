using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;

namespace Credentials.OAuth;

/// <summary>
/// The Wallet Provider's side of Attestation-Based Client Authentication: signs Client Attestation JWTs
/// (draft-ietf-oauth-attestation-based-client-auth section 4; OpenID4VCI 1.0 appendix E, "Wallet Attestation") that
/// bind a Wallet instance's key (<c>cnf.jwk</c>) to the Wallet's <c>client_id</c> (<c>sub</c>). The provider is
/// expected to have checked the instance (platform key and app attestations) before calling
/// <see cref="IssueAsync"/>. Thread-safe.
/// </summary>
public sealed class ClientAttestationIssuer
{
    private readonly ISigner _signer;
    private readonly ClientAttestationIssuerOptions _options;
    private readonly Dictionary<string, JsonNode?>? _headers;

    /// <summary>Creates the issuer.</summary>
    /// <param name="signer">The Wallet Provider's attestation key.</param>
    /// <param name="options">Options; defaults when omitted.</param>
    /// <exception cref="ArgumentException">The lifetime is not positive, or the chain is empty.</exception>
    public ClientAttestationIssuer(ISigner signer, ClientAttestationIssuerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        _signer = signer;
        _options = options ?? new ClientAttestationIssuerOptions();
        if (_options.Lifetime <= TimeSpan.Zero || _options.TimeProvider is null)
        {
            throw new ArgumentException("ClientAttestationIssuerOptions.Lifetime must be positive and TimeProvider set.", nameof(options));
        }

        _headers = AttestationJwt.ChainHeader(_options.CertificateChain, nameof(options));
    }

    /// <summary>Signs a Client Attestation JWT for one Wallet instance.</summary>
    /// <param name="clientId">The Wallet's <c>client_id</c>, written as <c>sub</c>. OpenID4VCI 1.0 section 14.4.4: the same value for every instance of the Wallet, so that it does not identify one.</param>
    /// <param name="instanceKey">The Wallet instance's public key, written as <c>cnf.jwk</c>.</param>
    /// <param name="cancellationToken">Cancels remote signing.</param>
    /// <returns>The compact JWT, the value of the <c>OAuth-Client-Attestation</c> header.</returns>
    /// <exception cref="ArgumentException"><paramref name="clientId"/> is empty, or <paramref name="instanceKey"/> contains a private key.</exception>
    public async ValueTask<string> IssueAsync(string clientId, Jwk instanceKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentNullException.ThrowIfNull(instanceKey);
        if (instanceKey.HasPrivateKey)
        {
            throw new ArgumentException("cnf.jwk must be a public key.", nameof(instanceKey));
        }

        var now = _options.TimeProvider.GetUtcNow();
        var payload = AttestationJwt.Write(w =>
        {
            w.WriteStartObject();
            if (_options.Issuer is not null)
            {
                w.WriteString("iss", _options.Issuer);
            }

            w.WriteString("sub", clientId);
            w.WriteNumber("iat", now.ToUnixTimeSeconds());
            w.WriteNumber("exp", (now + _options.Lifetime).ToUnixTimeSeconds());
            if (_options.WalletName is not null)
            {
                w.WriteString("wallet_name", _options.WalletName);
            }

            if (_options.WalletLink is not null)
            {
                w.WriteString("wallet_link", _options.WalletLink);
            }

            // Section 4: cnf MUST hold the Client Instance Key as a jwk.
            w.WriteStartObject("cnf");
            w.WritePropertyName("jwk");
            (instanceKey with { Kid = null }).WriteTo(w);
            w.WriteEndObject();
            w.WriteEndObject();
        });
        return await JwsWriter.SignCompactAsync(_signer, payload, ClientAttestation.Type, _headers, cancellationToken).ConfigureAwait(false);
    }
}
