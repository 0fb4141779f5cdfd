using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Status;

namespace Credentials.OpenId4Vci;

/// <summary>Options of an <see cref="OpenId4VciIssuer"/>, validated once in its constructor.</summary>
public sealed record OpenId4VciIssuerOptions
{
    /// <summary>
    /// The Credential Issuer Identifier: an <c>https</c> URL without query or fragment, for example
    /// <c>https://issuer.example.jp/ipa</c>. It is also the <c>iss</c> of issued credentials, the <c>aud</c> key proofs must
    /// carry, and the base of every endpoint (<c>{id}/token</c>, <c>{id}/nonce</c>, <c>{id}/credential</c>, <c>{id}/credential-offer/{offer}</c>).
    /// </summary>
    public required string CredentialIssuer { get; init; }

    /// <summary>Signs the issued SD-JWT VCs.</summary>
    public required ISigner Signer { get; init; }

    /// <summary>The configurations offered (at least one; unique ids).</summary>
    public required IReadOnlyList<IssuerCredentialConfiguration> CredentialConfigurations { get; init; }

    /// <summary>
    /// Decides the claims of a requested credential, for example by looking up the exam result of
    /// <see cref="CredentialIssuanceContext.SubjectId"/>. Return <see langword="null"/> to refuse
    /// (the Wallet gets <c>credential_request_denied</c>). Called once per Credential Request, after every check passed.
    /// </summary>
    public required Func<CredentialIssuanceContext, CancellationToken, ValueTask<CredentialDataset?>> ResolveDataset { get; init; }

    /// <summary>The <c>jwt_vc_json</c> and <c>ldp_vc</c> configurations offered (ids unique across both lists). Default none.</summary>
    public IReadOnlyList<IssuerW3cCredentialConfiguration> W3cCredentialConfigurations { get; init; } = [];

    /// <summary>
    /// Builds the unsigned W3C credential of a <see cref="W3cCredentialConfigurations"/> request (required when there are
    /// such configurations). The issuer then sets <c>credentialSubject.id</c> to each proved holder DID (a different
    /// id already there is refused with <see cref="OpenId4VciErrors.CredentialSubjectMismatch"/>) and signs one copy per
    /// DID with the configuration's <see cref="IssuerW3cCredentialConfiguration.Signer"/>. Return <see langword="null"/>
    /// to refuse (<c>credential_request_denied</c>). Called once per Credential Request, after every check passed.
    /// </summary>
    public Func<W3cCredentialIssuanceContext, CancellationToken, ValueTask<JsonObject?>>? ResolveW3cCredential { get; init; }

    /// <summary>The issuer's display data (for example <c>ja-JP</c> and <c>en-US</c>).</summary>
    public IReadOnlyList<IssuerDisplay>? Display { get; init; }

    /// <summary>The most proofs (and credentials) in one Credential Request; 1 disables batches. Default 10.</summary>
    public int BatchSize { get; init; } = 10;

    /// <summary>
    /// The precision of <c>iat</c> (and of an explicit <see cref="CredentialDataset.ExpiresAt"/>, rounded down) in the
    /// credentials of a batch response (more than one proof): the issuance time is rounded down to a whole multiple of
    /// this span since the Unix epoch, so that the copies of one batch, each meant for a different presentation, do not
    /// share an exact second that links them (the unlinkability that batch issuance exists for).
    /// Default one day (midnight UTC); <see langword="null"/> writes the exact second. A whole number of seconds from one
    /// second to 366 days.
    /// </summary>
    public TimeSpan? BatchIssuedAtPrecision { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Lifetime of a Pre-Authorized Code and of the offer served by reference. Default 10 minutes.</summary>
    public TimeSpan PreAuthorizedCodeLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Lifetime of an access token. Default 5 minutes (longer bearer tokens are "long-lived", section 13.8).</summary>
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Lifetime of a <c>c_nonce</c>. Default 5 minutes.</summary>
    public TimeSpan NonceLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Wrong Transaction Codes tolerated per Pre-Authorized Code; the code is invalidated at this count. Default 5.</summary>
    public int MaxTransactionCodeAttempts { get; init; } = 5;

    /// <summary>
    /// Whether an access token is consumed by the first successful Credential Request (default <see langword="true"/>). A
    /// failed request (bad proof, stale nonce …) does not consume it, so the Wallet can retry with a fresh nonce.
    /// </summary>
    public bool SingleUseAccessTokens { get; init; } = true;

    /// <summary>The algorithms accepted for key proofs (<c>proof_signing_alg_values_supported</c>). Default ES256, ES384, EdDSA, Ed25519.</summary>
    public IReadOnlyList<JwsAlgorithm> ProofSigningAlgorithms { get; init; } = [JwsAlgorithm.Es256, JwsAlgorithm.Es384, JwsAlgorithm.EdDsa, JwsAlgorithm.Ed25519];

    /// <summary>How old a key proof's <c>iat</c> may be. Default 5 minutes.</summary>
    public TimeSpan ProofMaxAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Tolerated clock difference for key proofs. Default 60 seconds.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The default credential lifetime when the dataset sets no expiry; none when <see langword="null"/>. Default 365 days.</summary>
    public TimeSpan? CredentialValidity { get; init; } = TimeSpan.FromDays(365);

    /// <summary>Extra JWS header parameters of issued credentials (for example <c>x5c</c>).</summary>
    public IReadOnlyDictionary<string, JsonNode?>? CredentialHeaders { get; init; }

    /// <summary>Allocates a status-list index for every issued credential, when set together with <see cref="StatusListUri"/>.</summary>
    public StatusListIssuer? StatusLists { get; init; }

    /// <summary>The Status List (created beforehand with <see cref="StatusListIssuer.CreateListAsync"/>) that issued credentials reference.</summary>
    public string? StatusListUri { get; init; }

    /// <summary>The clock for codes, tokens, nonces, proofs and credentials. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// DPoP-bound access tokens (RFC 9449), as HAIP 1.0 requires. <see langword="null"/> (the default): DPoP is not
    /// offered, <c>DPoP</c> headers are ignored and access tokens are Bearer tokens.
    /// </summary>
    public OpenId4VciDpopOptions? Dpop { get; init; }

    /// <summary>
    /// Enables the Authorization Code Flow (PAR at <c>{id}/par</c>, <c>{id}/authorize</c>, the <c>authorization_code</c>
    /// grant) and decides which Wallets may use it: called with the pushed request's <c>client_id</c> and
    /// <c>redirect_uri</c>, returns whether that client may receive codes at that URI. Default <see langword="null"/>:
    /// the flow is off (no client is trusted until the app says so).
    /// </summary>
    public Func<string, string, bool>? ValidateClient { get; init; }

    /// <summary>How long a pushed request's <c>request_uri</c> stays usable (RFC 9126 section 2.2 <c>expires_in</c>). Default 60 seconds.</summary>
    public TimeSpan PushedAuthorizationRequestLifetime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the End-User has to authenticate once the authorization endpoint was reached. Default 10 minutes.</summary>
    public TimeSpan PendingAuthorizationLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Lifetime of an authorization code (RFC 6749 section 4.1.2 recommends at most 10 minutes). Default 60 seconds.</summary>
    public TimeSpan AuthorizationCodeLifetime { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Deferred issuance (section 9) and the Deferred Credential Endpoint <c>{id}/deferred_credential</c>; none when <see langword="null"/> (the default).</summary>
    public DeferredIssuanceOptions? DeferredIssuance { get; init; }

    /// <summary>The Notification Endpoint <c>{id}/notification</c> (section 11); none when <see langword="null"/> (the default).</summary>
    public IssuerNotificationOptions? Notifications { get; init; }

    /// <summary>Encrypted requests and responses (section 10); none when <see langword="null"/> (the default: a request asking for an encrypted response is <c>invalid_encryption_parameters</c>).</summary>
    public IssuerEncryptionOptions? Encryption { get; init; }

    /// <summary>Allows an <c>http</c> Credential Issuer Identifier. Only for tests on loopback; OpenID4VCI requires TLS.</summary>
    public bool AllowHttp { get; init; }

    /// <summary>
    /// Attestation-Based Client Authentication at the token endpoint (and PAR): when set, every request must carry a
    /// valid <c>OAuth-Client-Attestation</c> and <c>OAuth-Client-Attestation-PoP</c> (HAIP 1.0 section 4.4, OpenID4VCI 1.0
    /// appendix E), otherwise it is answered 401 <c>invalid_client</c>; the AS metadata then lists
    /// <c>attest_jwt_client_auth</c>. A <see langword="null"/> <see cref="Credentials.OAuth.ClientAttestationValidatorOptions.Audience"/>
    /// is taken as the Credential Issuer Identifier (this issuer's AS issuer identifier). Default <see langword="null"/>: no client authentication.
    /// </summary>
    public Credentials.OAuth.ClientAttestationValidatorOptions? ClientAttestation { get; init; }

    /// <summary>
    /// The key attestation policy (OpenID4VCI 1.0 appendix D): when set, every key proof must carry a key attestation
    /// that satisfies it, either as the <c>key_attestation</c> header of a <c>jwt</c> proof (whose key must be attested) or
    /// as an <c>attestation</c> proof (whose attested keys each get a credential); the metadata then publishes
    /// <c>key_attestations_required</c> and the <c>attestation</c> proof type. Default <see langword="null"/>: key
    /// attestations are neither required nor accepted.
    /// </summary>
    public Credentials.OAuth.KeyAttestationPolicy? KeyAttestation { get; init; }
}
