using System;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;

namespace Credentials.OAuth;

/// <summary>
/// The Wallet instance's side of Attestation-Based Client Authentication: the Client Attestation PoP JWT
/// (draft-ietf-oauth-attestation-based-client-auth section 5.1), signed with the key of the attestation's <c>cnf.jwk</c>.
/// </summary>
public static class ClientAttestationPop
{
    /// <summary>Creates a PoP for one request to one server.</summary>
    /// <param name="signer">The Wallet instance key (the private half of the attestation's <c>cnf.jwk</c>).</param>
    /// <param name="audience">The Authorization Server's issuer identifier (RFC 8414), written as <c>aud</c>.</param>
    /// <param name="timeProvider">The clock for <c>iat</c>.</param>
    /// <param name="challenge">The server-provided challenge, written as <c>challenge</c>, if the server gave one.</param>
    /// <param name="clientId">
    /// The <c>client_id</c>, written as <c>iss</c> for servers built on drafts before -08 (which required it); later
    /// drafts dropped the claim and servers ignore it. Omit it to send only the current draft's claims.
    /// </param>
    /// <param name="cancellationToken">Cancels remote signing.</param>
    /// <returns>The compact JWT, the value of the <c>OAuth-Client-Attestation-PoP</c> header.</returns>
    /// <exception cref="ArgumentException"><paramref name="audience"/> is empty.</exception>
    public static async ValueTask<string> CreateAsync(ISigner signer, string audience, TimeProvider timeProvider, string? challenge = null, string? clientId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentException.ThrowIfNullOrEmpty(audience);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var payload = AttestationJwt.Write(w =>
        {
            w.WriteStartObject();
            if (clientId is not null)
            {
                w.WriteString("iss", clientId);
            }

            // Section 5.1: aud, jti (unique) and iat are required; challenge when the server provided one.
            w.WriteString("aud", audience);
            w.WriteString("jti", AttestationJwt.NewJti());
            w.WriteNumber("iat", timeProvider.GetUtcNow().ToUnixTimeSeconds());
            if (challenge is not null)
            {
                w.WriteString("challenge", challenge);
            }

            w.WriteEndObject();
        });

        // The verification key is the attestation's cnf.jwk; no key header is needed.
        return await JwsWriter.SignCompactAsync(signer.WithKeyId(null), payload, ClientAttestation.PopType, null, cancellationToken).ConfigureAwait(false);
    }
}
