using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Diagnostics;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwtVc;
using Credentials.Status;

namespace Credentials.OpenId4Vci;

/// <content>The Credential Endpoint (OpenID4VCI 1.0 section 8).</content>
public sealed partial class OpenId4VciIssuer
{
    /// <summary>
    /// Answers a Credential Request (<c>POST {path}/credential</c>, section 8). Checks, in order: the bearer token (not
    /// consumed), the request body, the configuration and the token's authorization for it, the proofs (syntax, type,
    /// key, signature, <c>aud</c>, <c>iat</c>, <c>nonce</c> present, distinct keys, batch size) and that each distinct
    /// nonce is live; then asks the app for the dataset, allocates the status entries and signs one credential per
    /// proof; and only then consumes each nonce and (for single-use tokens) the access token.
    /// </summary>
    /// <remarks>
    /// Atomic for the Wallet: the nonces and the token are consumed only together with a result. When the app's
    /// callback, the status list store, the signer or the state store throws, the exception propagates (the host
    /// answers <c>server_error</c>) and nothing was consumed, so a retry with the same proofs and token can succeed.
    /// <para>The app may defer the request (section 9, <see cref="OpenId4VciIssuerOptions.DeferredIssuance"/>): 202 with a
    /// <c>transaction_id</c>. The request may be encrypted (section 10): an <c>application/jwt</c> body is the compact JWE
    /// of the JSON request (told apart from a JSON object by its first character); the response is then a JWE too when
    /// the Wallet asked for it with <c>credential_response_encryption</c>.</para>
    /// </remarks>
    /// <param name="authorization">The <c>Authorization</c> header, if any.</param>
    /// <param name="body">The request body (<c>application/json</c>, or <c>application/jwt</c> when encrypted), or <see langword="null"/> when it had another media type or was too large.</param>
    /// <param name="cancellationToken">Cancels the store, the app's callback and signing.</param>
    /// <returns>200 with the Credential Response, 202 with a <c>transaction_id</c> when deferred (both with <see cref="IssuerEndpointResult.ContentType"/> <c>application/jwt</c> when encrypted), or an OAuth error (with a <c>WWW-Authenticate</c> challenge for token errors).</returns>
    // The shipped overload keeps its optional token; the overload taking IssuerHttpRequest has none (no ambiguity).
#pragma warning disable RS0027
    public ValueTask<IssuerEndpointResult> HandleCredentialRequestAsync(string? authorization, ReadOnlyMemory<byte>? body, CancellationToken cancellationToken = default)
        => HandleCredentialRequestAsync(IssuerHttpRequest.Create("POST", CredentialEndpoint, authorization), body, cancellationToken);
#pragma warning restore RS0027

    /// <summary>
    /// Answers a Credential Request (<c>POST {path}/credential</c>, section 8) with the HTTP facts of the request: the
    /// access token is read from its single <c>Authorization</c> header. Otherwise as
    /// <see cref="HandleCredentialRequestAsync(string?, ReadOnlyMemory{byte}?, CancellationToken)"/>.
    /// </summary>
    /// <param name="httpRequest">The request's method, URL and headers.</param>
    /// <param name="body">The request body (<c>application/json</c>, or <c>application/jwt</c> when encrypted), or <see langword="null"/> when it had another media type or was too large.</param>
    /// <param name="cancellationToken">Cancels the store, the app's callback and signing.</param>
    /// <returns>200 with the Credential Response, 202 with a <c>transaction_id</c> when deferred (both with <see cref="IssuerEndpointResult.ContentType"/> <c>application/jwt</c> when encrypted), or an OAuth error (with a <c>WWW-Authenticate</c> challenge for token errors).</returns>
    public ValueTask<IssuerEndpointResult> HandleCredentialRequestAsync(IssuerHttpRequest httpRequest, ReadOnlyMemory<byte>? body, CancellationToken cancellationToken)
        => Telemetry.IssuanceObserved ? HandleCredentialRequestObservedAsync(httpRequest, body, cancellationToken) : HandleCredentialRequestCoreAsync(httpRequest, body, cancellationToken);

    private async ValueTask<IssuerEndpointResult> HandleCredentialRequestObservedAsync(IssuerHttpRequest httpRequest, ReadOnlyMemory<byte>? body, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Source.StartActivity(Telemetry.CredentialEndpointActivity, ActivityKind.Internal);
        try
        {
            var result = await HandleCredentialRequestCoreAsync(httpRequest, body, cancellationToken).ConfigureAwait(false);
            if (activity is not null)
            {
                activity.SetTag(Telemetry.StatusCodeTag, result.StatusCode);
                if (result.Code is { } code)
                {
                    activity.SetTag(Telemetry.ErrorTypeTag, code.Value);
                    activity.SetStatus(ActivityStatusCode.Error, code.Value);
                }
            }

            return result;
        }
        catch (Exception ex)
        {
            Telemetry.Fail(activity, ex);
            throw;
        }
    }

    private async ValueTask<IssuerEndpointResult> HandleCredentialRequestCoreAsync(IssuerHttpRequest httpRequest, ReadOnlyMemory<byte>? body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpRequest);
        var token = ReadAccessToken(httpRequest, out var dpopScheme);
        if (token is null)
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidToken, "A Bearer access token is required.") with { WwwAuthenticate = MissingTokenChallenge() };
        }

        var tokenKey = Hash(token);
        var stored = await _store.TryGetAsync(AccessTokenKind, tokenKey, _options.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidToken, "The access token is unknown, expired or already used.");
        }

        // RFC 9449 section 7: a DPoP-bound token only with its proof; checked before anything is consumed.
        if (await CheckCredentialDpopAsync(httpRequest, token, tokenKey, dpopScheme, cancellationToken).ConfigureAwait(false) is { } dpopFailure)
        {
            return dpopFailure;
        }

        var grant = CodeState.Read(stored);
        if (body is not { } json)
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidCredentialRequest, "The Credential Request must be an application/json body within the size limit.");
        }

        var plain = ReadRequestBody(json, out var encrypted);
        if (!plain.IsValid)
        {
            return IssuerEndpointResult.Fail(plain.Error.Code, plain.Error.Message);
        }

        var parsed = CredentialRequest.Read(plain.Value);
        if (!parsed.IsValid)
        {
            return IssuerEndpointResult.Fail(parsed.Error.Code, parsed.Error.Message);
        }

        var request = parsed.Value;

        // Sections 8.2 and 8.3.1.2: the encryption parameters are checked before anything is consumed.
        var encryption = CheckResponseEncryption(request.ResponseEncryption, encrypted);
        if (!encryption.IsValid)
        {
            return IssuerEndpointResult.Fail(encryption.Error.Code, encryption.Error.Message);
        }

        // Section 8.2: credential_identifier exactly when the Token Response returned credential_identifiers (a grant with
        // authorization_details); this issuer's identifier of a configuration's dataset is the configuration id.
        if (request.CredentialIdentifier is not null && (!grant.ByIdentifier || !grant.ConfigurationIds.Contains(request.CredentialIdentifier, StringComparer.Ordinal)))
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.UnknownCredentialIdentifier, "The credential_identifier is not one the Token Response returned.");
        }

        if (request.CredentialIdentifier is null && grant.ByIdentifier)
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidCredentialRequest, "The Token Response returned credential_identifiers: request by credential_identifier.");
        }

        var configurationId = request.CredentialIdentifier ?? request.CredentialConfigurationId!;

        // Appendix A.1 / A.3: the request names the configuration by credential_configuration_id, whatever its format.
        _configurations.TryGetValue(configurationId, out var configuration);
        _w3cConfigurations.TryGetValue(configurationId, out var w3cConfiguration);
        if (configuration is null && w3cConfiguration is null)
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.UnknownCredentialConfiguration, "The Credential Configuration is unknown.");
        }

        if (!grant.ConfigurationIds.Contains(configurationId, StringComparer.Ordinal))
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InsufficientScope, "The access token does not authorize this Credential Configuration.");
        }

        // Appendix F.3: an attestation proof binds one credential to each attested key (dc+sd-jwt configurations only:
        // a W3C configuration binds to a DID, which only a jwt proof's kid names).
        IReadOnlyList<string> proofs;
        (IReadOnlyList<Jwk> Keys, string Nonce)? attestedProof = null;
        if (request.AttestationProofs is { } attestationProofs && w3cConfiguration is null)
        {
            var attested = VerifyAttestationProof(attestationProofs[0]);
            if (!attested.IsValid)
            {
                return KeyAttestationFailure(attested.Error);
            }

            attestedProof = attested.Value;
            proofs = [];
        }
        else if (request.JwtProofs is { } jwtProofs)
        {
            proofs = jwtProofs;
        }
        else
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidProof, "jwt proofs are required for this Credential Configuration.");
        }

        if (proofs.Count > _options.BatchSize)
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidCredentialRequest, $"At most {_options.BatchSize} proofs are accepted in one request.");
        }

        var parameters = new KeyProofValidationParameters
        {
            Audience = CredentialIssuer,
            AllowedAlgorithms = _options.ProofSigningAlgorithms,
            RequireNonce = true,
            MaxAge = _options.ProofMaxAge,
            ClockSkew = _options.ClockSkew,
            TimeProvider = _options.TimeProvider,
            DidMethods = w3cConfiguration?.BindingMethods,
            KeyAttestation = _keyAttestation,
        };
        var keys = new List<Jwk>(proofs.Count);
        var dids = new List<string>(proofs.Count);
        var thumbprints = new HashSet<string>(StringComparer.Ordinal);
        var nonces = new HashSet<string>(StringComparer.Ordinal);
        foreach (var proof in proofs)
        {
            var verified = JwtKeyProof.Verify(proof, parameters);
            if (!verified.IsValid && verified.Error.Inner is { } inner && inner.Code.Value.StartsWith("key_attestation.", StringComparison.Ordinal))
            {
                return KeyAttestationFailure(inner);
            }

            if (!verified.IsValid)
            {
                return IssuerEndpointResult.Fail(verified.Error.Code == OpenId4VciErrors.UnsupportedBindingMethod ? OpenId4VciErrors.UnsupportedBindingMethod : OpenId4VciErrors.InvalidProof, verified.Error.Message);
            }

            if (w3cConfiguration is not null)
            {
                // Appendix F.1: a credential bound to a DID needs the proof's kid to be a DID URL of that DID's key.
                if (verified.Value.Did is not { } did)
                {
                    return IssuerEndpointResult.Fail(OpenId4VciErrors.UnsupportedBindingMethod, "This Credential Configuration binds to a DID: the key proof's kid must be a did:key or did:jwk URL.");
                }

                dids.Add(did);
            }

            // Each key binds at most one credential (section 8.3).
            if (!thumbprints.Add(verified.Value.Key.ComputeThumbprint()))
            {
                return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidProof, "Two proofs prove the same key.");
            }

            keys.Add(verified.Value.Key);
            nonces.Add(verified.Value.Nonce!);

            // Appendix F.1: the key attestation's nonce is a c_nonce too, checked and consumed with the proof's.
            if (verified.Value.KeyAttestation?.Nonce is { } attestationNonce)
            {
                nonces.Add(attestationNonce);
            }
        }

        if (attestedProof is { } fromAttestation)
        {
            foreach (var key in fromAttestation.Keys)
            {
                thumbprints.Add(key.ComputeThumbprint());
                keys.Add(key);
            }

            nonces.Add(fromAttestation.Nonce);
        }

        // A batch usually signs all its proofs with one c_nonce. Checked here, consumed only once every credential is
        // signed: a nonce this issuer never issued, or one that expired or was used, is refused before any work.
        foreach (var nonce in nonces)
        {
            if (await _store.TryGetAsync(NonceKind, Hash(nonce), _options.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false) is null)
            {
                return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidNonce, "The c_nonce is unknown, expired or already used; get a new one from the Nonce Endpoint.");
            }
        }

        // Section 8.3: the app may defer a dc+sd-jwt request (HTTP 202 with a transaction_id).
        if (configuration is not null
            && await TryDeferAsync(configuration, grant.SubjectId, keys, nonces, tokenKey, encryption.Value, cancellationToken).ConfigureAwait(false) is { } deferred)
        {
            return deferred;
        }

        List<JsonNode> credentials;
        var statuses = new List<StatusReference>();
        if (w3cConfiguration is not null)
        {
            var w3c = await IssueW3cAsync(w3cConfiguration, grant.SubjectId, dids, cancellationToken).ConfigureAwait(false);
            if (!w3c.IsValid)
            {
                return IssuerEndpointResult.Fail(w3c.Error.Code, w3c.Error.Message);
            }

            credentials = w3c.Value;
        }
        else
        {
            var dataset = await _options.ResolveDataset(
                new CredentialIssuanceContext { CredentialConfigurationId = configuration!.Id, Vct = configuration.Vct, SubjectId = grant.SubjectId, HolderKeys = keys },
                cancellationToken).ConfigureAwait(false);
            if (dataset is null)
            {
                return IssuerEndpointResult.Fail(OpenId4VciErrors.CredentialRequestDenied, "The Credential Issuer does not issue this credential.");
            }

            var issued = await IssueSdJwtAsync(configuration, dataset, keys, cancellationToken, statuses).ConfigureAwait(false);
            if (!issued.IsValid)
            {
                return IssuerEndpointResult.Fail(issued.Error.Code, issued.Error.Message);
            }

            credentials = issued.Value;
        }

        var notificationId = await RegisterNotificationAsync(request.CredentialConfigurationId!, grant.SubjectId, tokenKey, null, cancellationToken).ConfigureAwait(false);

        // The commit: only now, with every credential signed, are the nonces and the access token consumed, each
        // atomically single use. A failure before this point (the app's callback, the status list, signing, storage)
        // consumes nothing, so the Wallet's retry with the same proofs and token succeeds. A request that loses the race
        // for a nonce or a single-use token gets nothing; its signed credentials are discarded and their status entries
        // stay unused (VALID).
        foreach (var nonce in nonces)
        {
            if (await _store.TryConsumeAsync(NonceKind, Hash(nonce), _options.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false) is null)
            {
                return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidNonce, "The c_nonce is unknown, expired or already used; get a new one from the Nonce Endpoint.");
            }
        }

        if (_options.SingleUseAccessTokens
            && await _store.TryConsumeAsync(AccessTokenKind, tokenKey, _options.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false) is null)
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidToken, "The access token is unknown, expired or already used.");
        }

        var summary = new IssuanceSummary(w3cConfiguration?.Signer.Format ?? CredentialConfiguration.SdJwtVcFormat, configurationId, configuration?.Vct, credentials.Count)
        {
            SubjectId = grant.SubjectId,
            StatusReferences = statuses,
        };
        Telemetry.RecordIssued(summary.Format, summary.ConfigurationId, summary.Vct, summary.Count);
        return Respond(200, CredentialResponse.Write(credentials, notificationId), encryption.Value) with { Issued = summary };
    }

    /// <summary>
    /// Asks the app for the unsigned W3C credential, sets each copy's <c>credentialSubject.id</c> to a proved holder DID
    /// and signs it (appendix A.1). Returns a JSON string per copy for <c>jwt_vc_json</c>, a JSON object for <c>ldp_vc</c>.
    /// </summary>
    private async ValueTask<VerificationResult<List<JsonNode>>> IssueW3cAsync(IssuerW3cCredentialConfiguration configuration, string? subjectId, List<string> dids, CancellationToken cancellationToken)
    {
        var unsigned = await _options.ResolveW3cCredential!(
            new W3cCredentialIssuanceContext { CredentialConfigurationId = configuration.Id, Format = configuration.Signer.Format, SubjectId = subjectId, HolderDids = dids },
            cancellationToken).ConfigureAwait(false);
        if (unsigned is null)
        {
            return new VerificationError(OpenId4VciErrors.CredentialRequestDenied, "The Credential Issuer does not issue this credential.");
        }

        // Appendix A.1: the metadata's credential_definition.type is what the wallet asked for; a credential that lacks
        // one of those types is not the configured credential, whatever the app's hook returned.
        if (!HasConfiguredTypes(unsigned, configuration.Types))
        {
            return new VerificationError(OpenId4VciErrors.CredentialDefinitionMismatch, "The credential's type does not contain every type of the configuration's credential_definition.");
        }

        var credentials = new List<JsonNode>(dids.Count);
        foreach (var did in dids)
        {
            // Each copy is the app's object cloned, so that an object the app caches or shares is never modified.
            var copy = (JsonObject)unsigned.DeepClone();
            if (copy["credentialSubject"] is not JsonObject subject)
            {
                return new VerificationError(OpenId4VciErrors.CredentialSubjectMismatch, "The credential must have one credentialSubject object to bind to the holder.");
            }

            // The holder binding of a W3C credential is its subject id: the DID whose key signed the proof.
            if (subject["id"] is { } existing && !(existing.GetValueKind() == JsonValueKind.String && string.Equals(existing.GetValue<string>(), did, StringComparison.Ordinal)))
            {
                return new VerificationError(OpenId4VciErrors.CredentialSubjectMismatch, "The credential names a credentialSubject.id other than the holder's proved DID.");
            }

            subject["id"] = did;
            var signed = await configuration.Signer.SignAsync(copy, cancellationToken).ConfigureAwait(false);

            // Appendix A.1.1.4 / A.1.2.4: a jwt_vc_json credential is a string, an ldp_vc credential a JSON object.
            var kind = signed?.GetValueKind();
            var expected = configuration.Signer.Format == CredentialConfiguration.LdpVcFormat ? JsonValueKind.Object : JsonValueKind.String;
            if (kind != expected)
            {
                throw new InvalidOperationException($"The W3C signer for '{configuration.Id}' returned a {kind} instead of a JSON {expected}.");
            }

            credentials.Add(signed!);
        }

        return credentials;
    }

    private static bool HasConfiguredTypes(JsonObject credential, IReadOnlyList<string> configured)
    {
        if (credential["type"] is not JsonArray types)
        {
            return false;
        }

        foreach (var required in configured)
        {
            var found = false;
            foreach (var type in types)
            {
                if (type is JsonValue value && value.GetValueKind() == JsonValueKind.String && string.Equals(value.GetValue<string>(), required, StringComparison.Ordinal))
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Rounds a shared expiry down to the batch precision, unless that would put it at or before the start of validity (or now).</summary>
    private static DateTimeOffset RoundDownExpiry(DateTimeOffset expiresAt, TimeSpan precision, DateTimeOffset start)
    {
        var seconds = expiresAt.ToUnixTimeSeconds();
        var step = (long)precision.TotalSeconds;
        var rounded = DateTimeOffset.FromUnixTimeSeconds(seconds - (((seconds % step) + step) % step));
        return rounded <= start ? expiresAt : rounded;
    }
}
