using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Credentials.OAuth;
using Credentials.Protocols;

namespace Credentials.OpenId4Vci;

/// <content>Attestation-Based Client Authentication (draft-ietf-oauth-attestation-based-client-auth; HAIP 1.0 section 4.4; OpenID4VCI 1.0 appendix E).</content>
public sealed partial class OpenId4VciIssuer
{
    private readonly ClientAttestationValidator? _clientAttestation;

    private static ClientAttestationValidator? CreateClientAttestationValidator(OpenId4VciIssuerOptions options, IProtocolStateStore store)
    {
        if (options.ClientAttestation is not { } attestation)
        {
            return null;
        }

        // The PoP's aud is this Authorization Server's issuer identifier, which is the Credential Issuer Identifier here.
        return new ClientAttestationValidator(store, attestation.Audience is null ? attestation with { Audience = options.CredentialIssuer } : attestation);
    }

    /// <summary>The AS metadata with <c>attest_jwt_client_auth</c> and its algorithms when client attestation is configured (section 8).</summary>
    private AuthorizationServerMetadata WithClientAttestation(AuthorizationServerMetadata metadata)
        => _clientAttestation is not { } validator
            ? metadata
            : metadata with
            {
                TokenEndpointAuthMethodsSupported = [ClientAttestation.AuthenticationMethod],
                ClientAttestationSigningAlgValuesSupported = validator.Options.AllowedAlgorithms.Select(a => a.Name).ToList(),
                ClientAttestationPopSigningAlgValuesSupported = validator.Options.AllowedPopAlgorithms.Select(a => a.Name).ToList(),
            };

    /// <summary>
    /// Authenticates the client of a token (or PAR) request by its Client Attestation and PoP headers, when the issuer
    /// requires it. HAIP 1.0 section 4.3: the <c>client_id</c> parameter, when sent, must be the attestation's <c>sub</c>.
    /// </summary>
    /// <param name="request">The request's headers.</param>
    /// <param name="clientId">The request's <c>client_id</c> parameter, if any.</param>
    /// <param name="cancellationToken">Cancels the replay store.</param>
    /// <returns>
    /// <see langword="null"/> with the authenticated client when it passed (or when client attestation is not
    /// configured, then with no client); otherwise the 401 <c>invalid_client</c> answer, whose <see cref="IssuerEndpointResult.Code"/>
    /// is the <see cref="ClientAttestationErrors"/> code.
    /// </returns>
    internal async ValueTask<(IssuerEndpointResult? Failure, VerifiedClientAttestation? Client)> AuthenticateClientAsync(IssuerHttpRequest request, string? clientId, CancellationToken cancellationToken)
    {
        if (_clientAttestation is not { } validator)
        {
            return (null, null);
        }

        var result = await validator.ValidateHeadersAsync(request.Headers, clientId, null, cancellationToken).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return (IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidClient, "Client authentication with a wallet attestation failed: " + result.Error.Message) with { Code = result.Error.Code }, null);
        }

        return (null, result.Value);
    }
}
