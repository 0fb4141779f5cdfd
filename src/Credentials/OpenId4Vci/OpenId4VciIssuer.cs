using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Protocols;
using Credentials.SdJwtVc;

namespace Credentials.OpenId4Vci;

/// <summary>
/// The Credential Issuer and its Authorization Server for the OpenID4VCI 1.0 Pre-Authorized Code Flow and (with
/// <see cref="OpenId4VciIssuerOptions.ValidateClient"/>) the Authorization Code Flow with PAR and PKCE: creates
/// Credential Offers, and answers the metadata, token, nonce, offer and Credential endpoints, independent of any web
/// framework (<c>Credentials.AspNetCore</c>'s <c>MapOpenId4VciIssuer</c> maps them on ASP.NET Core). Issues <c>dc+sd-jwt</c> credentials
/// (and <c>jwt_vc_json</c>/<c>ldp_vc</c> W3C credentials whose subject is the holder's proved DID) bound to the keys proved with <c>jwt</c> key proofs, one per proof (batches up to <see cref="OpenId4VciIssuerOptions.BatchSize"/>).
/// Thread-safe; all state (codes, tokens, nonces, offers) is in the <see cref="IProtocolStateStore"/>, single use under
/// concurrency.
/// </summary>
/// <remarks>
/// DPoP-bound access tokens (<see cref="OpenId4VciIssuerOptions.Dpop"/>), wallet attestations
/// (<see cref="OpenId4VciIssuerOptions.ClientAttestation"/>), key attestations (<see cref="OpenId4VciIssuerOptions.KeyAttestation"/>),
/// deferred issuance (<see cref="OpenId4VciIssuerOptions.DeferredIssuance"/>), notifications
/// (<see cref="OpenId4VciIssuerOptions.Notifications"/>) and encrypted requests and responses
/// (<see cref="OpenId4VciIssuerOptions.Encryption"/>) are opt-in.
/// Not implemented yet: signed metadata, the <c>x5c</c>/<c>di_vp</c> proof variants, and <c>kid</c> proofs other than <c>did:key</c>/<c>did:jwk</c> DID URLs (accepted for W3C configurations only). See specs/openid4vci.md.
/// </remarks>
public sealed partial class OpenId4VciIssuer
{
    /// <summary>The store kind of Pre-Authorized Codes.</summary>
    public const string PreAuthorizedCodeKind = "openid4vci.pre_authorized_code";

    /// <summary>The store kind of access tokens.</summary>
    public const string AccessTokenKind = "openid4vci.access_token";

    /// <summary>The store kind of <c>c_nonce</c> values.</summary>
    public const string NonceKind = "openid4vci.c_nonce";

    /// <summary>The store kind of offers served by reference (keyed by a digest of the offer id, the offer encrypted under a key derived from it).</summary>
    public const string OfferKind = "openid4vci.credential_offer";

    private const int MaxCasAttempts = 16;

    private readonly OpenId4VciIssuerOptions _options;
    private readonly IProtocolStateStore _store;
    private readonly SdJwtVcIssuer _credentials;
    private readonly SdJwtVcIssuer _batchCredentials;
    private readonly Dictionary<string, IssuerCredentialConfiguration> _configurations;
    private readonly Dictionary<string, IssuerW3cCredentialConfiguration> _w3cConfigurations;
    private readonly string _metadataJson;
    private readonly string _authorizationServerJson;

    /// <summary>Creates the issuer.</summary>
    /// <param name="store">Where codes, tokens, nonces and offers live (use <c>SqliteProtocolStateStore</c> so a restart loses nothing).</param>
    /// <param name="options">Options.</param>
    /// <exception cref="InvalidOperationException">The options are invalid.</exception>
    /// <exception cref="PlatformNotSupportedException">The platform has no AES-GCM, which seals stored offers.</exception>
    public OpenId4VciIssuer(IProtocolStateStore store, OpenId4VciIssuerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);

        // Refused here rather than at the first offer read, where it would surface as an HTTP 500.
        if (!System.Security.Cryptography.AesGcm.IsSupported)
        {
            throw new PlatformNotSupportedException("OpenId4VciIssuer seals stored credential offers with AES-GCM, which this platform does not offer.");
        }
        Validate(options);
        _options = options;
        _store = store;
        _dpop = CreateDpopValidator(options, store);
        _clientAttestation = CreateClientAttestationValidator(options, store);
        _keyAttestation = options.KeyAttestation is { } keyAttestationPolicy ? new OAuth.KeyAttestationValidator(keyAttestationPolicy) : null;
        _configurations = options.CredentialConfigurations.ToDictionary(c => c.Id, StringComparer.Ordinal);
        _w3cConfigurations = options.W3cCredentialConfigurations.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var issuerId = options.CredentialIssuer;
        PathPrefix = GetPathPrefix(issuerId);
        TokenEndpoint = issuerId + "/token";
        NonceEndpoint = issuerId + "/nonce";
        CredentialEndpoint = issuerId + "/credential";
        _credentials = new SdJwtVcIssuer(
            options.Signer,
            options: new SdJwtVcIssuerOptions { Issuer = issuerId, TimeProvider = options.TimeProvider, DefaultValidity = options.CredentialValidity, ExtraHeaders = options.CredentialHeaders });
        _batchCredentials = options.BatchIssuedAtPrecision is { } precision
            ? new SdJwtVcIssuer(
                options.Signer,
                options: new SdJwtVcIssuerOptions { Issuer = issuerId, TimeProvider = options.TimeProvider, DefaultValidity = options.CredentialValidity, ExtraHeaders = options.CredentialHeaders, IssuedAtPrecision = precision })
            : _credentials;
        _requestDecrypters = CreateRequestDecrypters();
        Metadata = BuildMetadata();
        AuthorizationServerMetadata = WithClientAttestation(BuildAuthorizationServerMetadata() with { DpopSigningAlgValuesSupported = _dpop is null ? null : DpopAlgorithmNames() });
        _metadataJson = Metadata.ToJson();
        _authorizationServerJson = AuthorizationServerMetadata.ToJson();
    }

    /// <summary>The Credential Issuer Identifier.</summary>
    public string CredentialIssuer => _options.CredentialIssuer;

    /// <summary>The Credential Issuer Metadata served at <c>/.well-known/openid-credential-issuer</c>.</summary>
    public CredentialIssuerMetadata Metadata { get; }

    /// <summary>The Authorization Server Metadata served at <c>/.well-known/oauth-authorization-server</c>.</summary>
    public AuthorizationServerMetadata AuthorizationServerMetadata { get; }

    /// <summary>The token endpoint URL.</summary>
    public string TokenEndpoint { get; }

    /// <summary>The Nonce Endpoint URL.</summary>
    public string NonceEndpoint { get; }

    /// <summary>The Credential Endpoint URL.</summary>
    public string CredentialEndpoint { get; }

    /// <summary>The path of the issuer identifier (empty for an identifier without path), under which the endpoints are mapped.</summary>
    public string PathPrefix { get; }

    /// <summary>The serialized <see cref="Metadata"/>, the body of <c>GET /.well-known/openid-credential-issuer{path}</c>.</summary>
    public string MetadataJson => _metadataJson;

    /// <summary>The serialized <see cref="AuthorizationServerMetadata"/>, the body of <c>GET /.well-known/oauth-authorization-server{path}</c>.</summary>
    public string AuthorizationServerMetadataJson => _authorizationServerJson;

    /// <summary>
    /// Creates a Credential Offer with a fresh Pre-Authorized Code (and Transaction Code, if asked for), stores it, and
    /// returns the links to show to the End-User.
    /// </summary>
    /// <param name="request">What to offer.</param>
    /// <param name="cancellationToken">Cancels the store.</param>
    /// <returns>The offer, its links, and the Transaction Code to send over a second channel.</returns>
    /// <exception cref="ArgumentException">An unknown or repeated configuration id, an invalid Transaction Code setting, or a non-positive lifetime.</exception>
    public async ValueTask<CreatedCredentialOffer> CreateOfferAsync(CredentialOfferRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.CredentialConfigurationIds);
        if (request.CredentialConfigurationIds.Count == 0 || request.CredentialConfigurationIds.Distinct(StringComparer.Ordinal).Count() != request.CredentialConfigurationIds.Count)
        {
            throw new ArgumentException("Offer at least one configuration, each once.", nameof(request));
        }

        foreach (var id in request.CredentialConfigurationIds)
        {
            if (!_configurations.ContainsKey(id) && !_w3cConfigurations.ContainsKey(id))
            {
                throw new ArgumentException($"'{id}' is not one of the issuer's credential configurations.", nameof(request));
            }
        }

        var lifetime = request.Lifetime ?? _options.PreAuthorizedCodeLifetime;
        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException("The offer's lifetime must be positive.", nameof(request));
        }

        if (!request.OfferPreAuthorizedCode && !request.OfferAuthorizationCode)
        {
            throw new ArgumentException("An offer carries at least one grant.", nameof(request));
        }

        if (request.OfferAuthorizationCode && !AuthorizationCodeFlowEnabled)
        {
            throw new ArgumentException("The authorization_code grant needs OpenId4VciIssuerOptions.ValidateClient.", nameof(request));
        }

        if (!request.OfferPreAuthorizedCode && request.TransactionCode is not null)
        {
            throw new ArgumentException("A Transaction Code belongs to the pre-authorized_code grant.", nameof(request));
        }

        string? txCode = null;
        TransactionCodeRequirement? requirement = null;
        if (request.TransactionCode is { } tx)
        {
            txCode = tx.Value ?? GenerateTransactionCode(tx);
            ValidateTransactionCode(tx, txCode);
            requirement = new TransactionCodeRequirement { InputMode = tx.InputMode, Length = txCode.Length, Description = tx.Description };
        }

        var expiresAt = _options.TimeProvider.GetUtcNow() + lifetime;
        PreAuthorizedCodeGrant? preAuthorized = null;
        if (request.OfferPreAuthorizedCode)
        {
            var code = RandomToken();
            var state = new CodeState(request.CredentialConfigurationIds, request.SubjectId, txCode is null ? null : HashTransactionCode(code, txCode), 0);
            if (!await _store.TryAddAsync(PreAuthorizedCodeKind, Hash(code), state.ToJson(), expiresAt, cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException("A freshly generated Pre-Authorized Code collided; this should never happen.");
            }

            preAuthorized = new PreAuthorizedCodeGrant { PreAuthorizedCode = code, TxCode = requirement };
        }

        AuthorizationCodeGrant? authorizationCode = null;
        if (request.OfferAuthorizationCode)
        {
            // Section 4.1.1 / 5.1.3: issuer_state binds the authorization request to this offer's configurations and subject.
            var issuerState = RandomToken();
            await _store.TryAddAsync(IssuerStateKind, Hash(issuerState), new CodeState(request.CredentialConfigurationIds, request.SubjectId, null, 0).ToJson(), expiresAt, cancellationToken).ConfigureAwait(false);
            authorizationCode = new AuthorizationCodeGrant { IssuerState = issuerState };
        }

        var offer = new CredentialOffer
        {
            CredentialIssuer = CredentialIssuer,
            CredentialConfigurationIds = [.. request.CredentialConfigurationIds],
            PreAuthorizedCode = preAuthorized,
            AuthorizationCode = authorizationCode,
        };
        var offerId = RandomToken();
        await StoreOfferAsync(offerId, offer.ToJson(), expiresAt, cancellationToken).ConfigureAwait(false);
        var offerUri = CredentialIssuer + "/credential-offer/" + offerId;
        return new CreatedCredentialOffer
        {
            Offer = offer,
            ByValueLink = CredentialOfferLink.CreateByValue(offer),
            ByReferenceLink = CredentialOfferLink.CreateByReference(offerUri),
            OfferUri = offerUri,
            TransactionCode = txCode,
            ExpiresAt = expiresAt,
        };
    }

    /// <summary>The offer object served by reference at <c>GET {path}/credential-offer/{id}</c> (section 4.1.3).</summary>
    /// <param name="offerId">The last path segment of the <c>credential_offer_uri</c>.</param>
    /// <param name="cancellationToken">Cancels the store read.</param>
    /// <returns>The offer's JSON, or <see langword="null"/> when unknown or expired (answer 404).</returns>
    public ValueTask<string?> GetOfferJsonAsync(string offerId, CancellationToken cancellationToken = default)
        => string.IsNullOrEmpty(offerId) || offerId.Length > 128
            ? ValueTask.FromResult<string?>(null)
            : ReadOfferAsync(offerId, cancellationToken);

    /// <summary>Answers a Nonce Request (<c>POST {path}/nonce</c>, section 7) with a fresh <c>c_nonce</c>.</summary>
    /// <param name="cancellationToken">Cancels the store write.</param>
    /// <returns>200 with <c>{"c_nonce": …}</c>.</returns>
    // The shipped overload keeps its optional token; the overload taking IssuerHttpRequest has none (no ambiguity).
#pragma warning disable RS0027
    public ValueTask<IssuerEndpointResult> HandleNonceRequestAsync(CancellationToken cancellationToken = default)
        => HandleNonceRequestAsync(IssuerHttpRequest.Create("POST", NonceEndpoint), cancellationToken);
#pragma warning restore RS0027

    /// <summary>Answers a Nonce Request (<c>POST {path}/nonce</c>, section 7) with a fresh <c>c_nonce</c>, given the request's HTTP facts.</summary>
    /// <param name="request">The request's method, URL and headers.</param>
    /// <param name="cancellationToken">Cancels the store write.</param>
    /// <returns>200 with <c>{"c_nonce": …}</c>.</returns>
    public async ValueTask<IssuerEndpointResult> HandleNonceRequestAsync(IssuerHttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var nonce = RandomToken();
        await _store.TryAddAsync(NonceKind, Hash(nonce), "1", _options.TimeProvider.GetUtcNow() + _options.NonceLifetime, cancellationToken).ConfigureAwait(false);
        return IssuerEndpointResult.Ok(new NonceResponse { CNonce = nonce }.ToJson());
    }

    private CredentialIssuerMetadata BuildMetadata()
    {
        var algorithms = _options.ProofSigningAlgorithms.Select(a => a.Name).ToList();
        var configurations = new Dictionary<string, CredentialConfiguration>(StringComparer.Ordinal);
        foreach (var c in _options.CredentialConfigurations)
        {
            configurations[c.Id] = new CredentialConfiguration
            {
                Format = CredentialConfiguration.SdJwtVcFormat,
                Scope = c.Scope,
                Vct = c.Vct,
                CryptographicBindingMethods = [CredentialConfiguration.JwkBindingMethod],
                CredentialSigningAlgorithms = [_options.Signer.Algorithm.Name],
                ProofTypes = BuildProofTypes(algorithms, allowAttestationProof: true),
                Display = c.Display,
                Claims = c.Claims,
            };
        }

        foreach (var c in _options.W3cCredentialConfigurations)
        {
            // Appendix A.1.1.2 / A.1.2.2: credential_definition with type (and @context for ldp_vc).
            var ldp = c.Signer.Format == CredentialConfiguration.LdpVcFormat;
            configurations[c.Id] = new CredentialConfiguration
            {
                Format = c.Signer.Format,
                Scope = c.Scope,
                CredentialDefinition = new CredentialDefinition { Type = c.Types, Context = ldp ? c.Contexts : null },
                CryptographicBindingMethods = c.BindingMethods,
                CredentialSigningAlgorithms = [c.Signer.Algorithm],
                ProofTypes = BuildProofTypes(algorithms, allowAttestationProof: false),
                Display = c.Display,
                Claims = c.Claims,
            };
        }

        var metadata = new CredentialIssuerMetadata
        {
            CredentialIssuer = CredentialIssuer,
            CredentialEndpoint = CredentialEndpoint,
            NonceEndpoint = NonceEndpoint,
            DeferredCredentialEndpoint = DeferredCredentialEndpoint,
            NotificationEndpoint = NotificationEndpoint,
            BatchSize = _options.BatchSize >= 2 ? _options.BatchSize : null,
            Display = _options.Display,
            CredentialConfigurations = configurations,
        };
        AddEncryptionMetadata(ref metadata);
        return metadata;
    }

    private static void Validate(OpenId4VciIssuerOptions o)
    {
        if (o.CredentialIssuer is null || o.Signer is null || o.CredentialConfigurations is null || o.ResolveDataset is null || o.TimeProvider is null || o.ProofSigningAlgorithms is null)
        {
            throw new InvalidOperationException("OpenId4VciIssuerOptions.CredentialIssuer, Signer, CredentialConfigurations, ResolveDataset, ProofSigningAlgorithms and TimeProvider are required.");
        }

        if (!Uri.TryCreate(o.CredentialIssuer, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (o.AllowHttp && uri.Scheme == Uri.UriSchemeHttp))
            || o.CredentialIssuer.Contains('?', StringComparison.Ordinal) || o.CredentialIssuer.Contains('#', StringComparison.Ordinal)
            || o.CredentialIssuer.EndsWith('/'))
        {
            throw new InvalidOperationException("OpenId4VciIssuerOptions.CredentialIssuer must be an https URL (http only with AllowHttp) without query, fragment or trailing slash.");
        }

        var w3c = o.W3cCredentialConfigurations ?? throw new InvalidOperationException("OpenId4VciIssuerOptions.W3cCredentialConfigurations must not be null.");
        var ids = o.CredentialConfigurations.Select(c => c.Id).Concat(w3c.Select(c => c?.Id)).ToList();
        if (ids.Count == 0 || ids.Distinct(StringComparer.Ordinal).Count() != ids.Count
            || o.CredentialConfigurations.Any(c => string.IsNullOrEmpty(c.Id) || string.IsNullOrEmpty(c.Vct)))
        {
            throw new InvalidOperationException("OpenId4VciIssuerOptions.CredentialConfigurations and W3cCredentialConfigurations need at least one configuration, each with a unique Id (and a Vct for dc+sd-jwt).");
        }

        foreach (var c in w3c)
        {
            if (c is null || string.IsNullOrEmpty(c.Id) || c.Signer is null || c.Types is not { Count: > 0 } || c.BindingMethods is not { Count: > 0 }
                || c.Signer.Format is not (CredentialConfiguration.JwtVcJsonFormat or CredentialConfiguration.LdpVcFormat)
                || (c.Signer.Format == CredentialConfiguration.LdpVcFormat && c.Contexts is not { Count: > 0 })
                || c.BindingMethods.Any(m => m is not (CredentialConfiguration.DidKeyBindingMethod or CredentialConfiguration.DidJwkBindingMethod)))
            {
                throw new InvalidOperationException("Each W3C credential configuration needs an Id, Types, a jwt_vc_json or ldp_vc Signer, Contexts for ldp_vc, and binding methods among did:key and did:jwk.");
            }
        }

        if (w3c.Count > 0 && o.ResolveW3cCredential is null)
        {
            throw new InvalidOperationException("OpenId4VciIssuerOptions.ResolveW3cCredential is required with W3C credential configurations.");
        }

        if (o.BatchSize < 1 || o.MaxTransactionCodeAttempts < 1 || o.ProofSigningAlgorithms.Count == 0)
        {
            throw new InvalidOperationException("OpenId4VciIssuerOptions.BatchSize and MaxTransactionCodeAttempts must be at least 1; ProofSigningAlgorithms must not be empty.");
        }

        if (o.PushedAuthorizationRequestLifetime <= TimeSpan.Zero || o.PendingAuthorizationLifetime <= TimeSpan.Zero || o.AuthorizationCodeLifetime <= TimeSpan.Zero
            || o.PreAuthorizedCodeLifetime <= TimeSpan.Zero || o.AccessTokenLifetime <= TimeSpan.Zero || o.NonceLifetime <= TimeSpan.Zero || o.ProofMaxAge <= TimeSpan.Zero || o.ClockSkew < TimeSpan.Zero)
        {
            throw new InvalidOperationException("OpenId4VciIssuerOptions lifetimes must be positive and ClockSkew not negative.");
        }

        if ((o.StatusLists is null) != (o.StatusListUri is null))
        {
            throw new InvalidOperationException("Set both OpenId4VciIssuerOptions.StatusLists and StatusListUri, or neither.");
        }

        if (o.Display?.Count == 0)
        {
            throw new InvalidOperationException("OpenId4VciIssuerOptions.Display must be null or non-empty.");
        }

        ValidateDeferred(o.DeferredIssuance);
        ValidateNotifications(o.Notifications);
        ValidateEncryption(o.Encryption);
    }

    private static string GetPathPrefix(string issuerId)
    {
        var path = new Uri(issuerId).AbsolutePath;
        return path == "/" ? string.Empty : path.TrimEnd('/');
    }

    private static void ValidateTransactionCode(OfferTransactionCode tx, string value)
    {
        if (value.Length is < 1 or > 64 || (tx.InputMode == TransactionCodeInputMode.Numeric && !value.All(char.IsAsciiDigit)))
        {
            throw new ArgumentException("The Transaction Code must have 1 to 64 characters (digits only in numeric mode).", nameof(tx));
        }

        if (tx.Description?.Length > TransactionCodeRequirement.MaxDescriptionLength)
        {
            throw new ArgumentException("The Transaction Code description must not exceed 300 characters.", nameof(tx));
        }
    }

    private static string GenerateTransactionCode(OfferTransactionCode tx)
    {
        if (tx.Length is < 4 or > 64)
        {
            throw new ArgumentException("A generated Transaction Code has 4 to 64 characters.", nameof(tx));
        }

        // Text mode avoids look-alike characters (0/O, 1/I/L).
        const string digits = "0123456789";
        const string text = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
        var alphabet = tx.InputMode == TransactionCodeInputMode.Numeric ? digits : text;
        return RandomNumberGenerator.GetString(alphabet, tx.Length);
    }

    internal static string RandomToken() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// Store keys are digests, so a leaked state database reveals no usable code, token or nonce; the one value that
    /// holds codes, an offer served by reference, is sealed (see <see cref="SealOffer"/>).
    /// </summary>
    internal static string Hash(string secret) => Base64UrlEncode(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    // OpenID4VCI 1.0 section 13.6.1: the Transaction Code is what stops a replayed Pre-Authorized Code. Its digest is
    // bound to the code, which the store never holds in clear (code entries are keyed by digest, offers are sealed),
    // so the short PIN cannot be brute-forced from the store alone.
    private static string HashTransactionCode(string code, string txCode) => Hash(code + "\n" + txCode);

    private static string Base64UrlEncode(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static bool FixedTimeEquals(string a, string b)
        => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    /// <summary>What the store keeps for a Pre-Authorized Code.</summary>
    private sealed record CodeState(IReadOnlyList<string> ConfigurationIds, string? SubjectId, string? TxHash, int FailedAttempts)
    {
        /// <summary>Whether the token was granted with <c>authorization_details</c>: requests then name a <c>credential_identifier</c> (section 8.2).</summary>
        public bool ByIdentifier { get; init; }

        public string ToJson() => OpenId4VciJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("c");
            foreach (var id in ConfigurationIds)
            {
                w.WriteStringValue(id);
            }

            w.WriteEndArray();
            if (SubjectId is not null)
            {
                w.WriteString("s", SubjectId);
            }

            if (TxHash is not null)
            {
                w.WriteString("t", TxHash);
            }

            w.WriteNumber("a", FailedAttempts);
            if (ByIdentifier)
            {
                w.WriteBoolean("d", true);
            }

            w.WriteEndObject();
        });

        public static CodeState Read(string json)
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            return new CodeState(
                [.. root.GetProperty("c").EnumerateArray().Select(e => e.GetString()!)],
                root.TryGetProperty("s", out var s) ? s.GetString() : null,
                root.TryGetProperty("t", out var t) ? t.GetString() : null,
                root.GetProperty("a").GetInt32())
            {
                ByIdentifier = root.TryGetProperty("d", out var d) && d.ValueKind == JsonValueKind.True,
            };
        }
    }
}
