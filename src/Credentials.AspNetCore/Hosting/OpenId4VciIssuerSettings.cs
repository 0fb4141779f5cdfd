using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.OAuth;
using Credentials.OpenId4Vci;
using Credentials.Status;
using Microsoft.Extensions.Configuration;

namespace Credentials.AspNetCore.Hosting;

/// <summary>
/// The mutable settings an app registers an <see cref="OpenId4VciIssuer"/> with (the options pattern: one named
/// instance per issuer, see <see cref="Microsoft.Extensions.DependencyInjection.OpenId4VciServiceCollectionExtensions"/>).
/// Scalar values can come from configuration (an <c>appsettings.json</c> section whose keys are these property names);
/// signers, callbacks and other objects are set in code. They become an immutable <see cref="OpenId4VciIssuerOptions"/>
/// once, when the issuer is first resolved; each property has the same meaning and default as the option of the same name.
/// </summary>
/// <remarks>
/// Bindable: <see cref="CredentialIssuer"/>, <see cref="CredentialConfigurations"/> (<c>Id</c>, <c>Vct</c>,
/// <c>VctIntegrity</c>, <c>Scope</c> and <c>Display</c> with <c>Name</c>, <c>Locale</c>, <c>Description</c>,
/// <c>BackgroundColor</c>, <c>TextColor</c>, <c>Logo:Uri</c>, <c>Logo:AltText</c>), <see cref="Display"/>, the lifetimes,
/// <see cref="BatchSize"/>, <see cref="BatchIssuedAtPrecision"/> (empty for none), <see cref="MaxTransactionCodeAttempts"/>,
/// <see cref="SingleUseAccessTokens"/>, <see cref="ProofSigningAlgorithms"/> (names such as <c>ES256</c>),
/// <see cref="ProofMaxAge"/>, <see cref="ClockSkew"/>, <see cref="CredentialValidity"/>, <see cref="StatusListUri"/> and
/// <see cref="AllowHttp"/>. A list in configuration replaces the default list.
/// </remarks>
public sealed class OpenId4VciIssuerSettings
{
    /// <summary>The Credential Issuer Identifier (<see cref="OpenId4VciIssuerOptions.CredentialIssuer"/>). Required.</summary>
    public string? CredentialIssuer { get; set; }

    /// <summary>Signs the issued SD-JWT VCs (<see cref="OpenId4VciIssuerOptions.Signer"/>). Required; set in code.</summary>
    public ISigner? Signer { get; set; }

    /// <summary>The <c>dc+sd-jwt</c> configurations offered; those in configuration come first, code may add more.</summary>
    public IList<IssuerCredentialConfiguration> CredentialConfigurations { get; } = [];

    /// <summary>
    /// Decides the claims of a requested credential (<see cref="OpenId4VciIssuerOptions.ResolveDataset"/>). Required,
    /// unless a scoped <see cref="ICredentialDatasetSource"/> is registered with
    /// <see cref="OpenId4VciIssuerBuilder.AddCredentialDatasets{TSource}"/>, which sets it.
    /// </summary>
    public Func<CredentialIssuanceContext, CancellationToken, ValueTask<CredentialDataset?>>? ResolveDataset { get; set; }

    /// <summary>The <c>jwt_vc_json</c> and <c>ldp_vc</c> configurations offered; set in code.</summary>
    public IList<IssuerW3cCredentialConfiguration> W3cCredentialConfigurations { get; } = [];

    /// <summary>
    /// Builds the unsigned W3C credentials (<see cref="OpenId4VciIssuerOptions.ResolveW3cCredential"/>); set in code or by
    /// <see cref="OpenId4VciIssuerBuilder.AddW3cCredentials{TSource}"/>.
    /// </summary>
    public Func<W3cCredentialIssuanceContext, CancellationToken, ValueTask<JsonObject?>>? ResolveW3cCredential { get; set; }

    /// <summary>The issuer's display data; none when empty.</summary>
    public IList<IssuerDisplay> Display { get; } = [];

    /// <summary>The most proofs (and credentials) in one Credential Request. Default 10.</summary>
    public int BatchSize { get; set; } = 10;

    /// <summary>The precision of <c>iat</c> in batch responses (<see cref="OpenId4VciIssuerOptions.BatchIssuedAtPrecision"/>). Default one day.</summary>
    public TimeSpan? BatchIssuedAtPrecision { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Lifetime of a Pre-Authorized Code. Default 10 minutes.</summary>
    public TimeSpan PreAuthorizedCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Lifetime of an access token. Default 5 minutes.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Lifetime of a <c>c_nonce</c>. Default 5 minutes.</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Wrong Transaction Codes tolerated per Pre-Authorized Code. Default 5.</summary>
    public int MaxTransactionCodeAttempts { get; set; } = 5;

    /// <summary>Whether an access token is consumed by the first successful Credential Request. Default <see langword="true"/>.</summary>
    public bool SingleUseAccessTokens { get; set; } = true;

    /// <summary>The names of the algorithms accepted for key proofs. Default ES256, ES384, EdDSA, Ed25519.</summary>
    public IList<string> ProofSigningAlgorithms { get; } = ["ES256", "ES384", "EdDSA", "Ed25519"];

    /// <summary>How old a key proof's <c>iat</c> may be. Default 5 minutes.</summary>
    public TimeSpan ProofMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Tolerated clock difference for key proofs. Default 60 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The default credential lifetime; none when <see langword="null"/>. Default 365 days.</summary>
    public TimeSpan? CredentialValidity { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Extra JWS header parameters of issued credentials; set in code.</summary>
    public IDictionary<string, JsonNode?> CredentialHeaders { get; } = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);

    /// <summary>Allocates status-list indexes, together with <see cref="StatusListUri"/>; set in code.</summary>
    public StatusListIssuer? StatusLists { get; set; }

    /// <summary>The Status List that issued credentials reference.</summary>
    public string? StatusListUri { get; set; }

    /// <summary>The clock; when <see langword="null"/>, the <see cref="System.TimeProvider"/> registered in DI, else the system clock.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>DPoP-bound access tokens (<see cref="OpenId4VciIssuerOptions.Dpop"/>); set in code.</summary>
    public OpenId4VciDpopOptions? Dpop { get; set; }

    /// <summary>Enables the Authorization Code Flow (<see cref="OpenId4VciIssuerOptions.ValidateClient"/>); set in code.</summary>
    public Func<string, string, bool>? ValidateClient { get; set; }

    /// <summary>How long a pushed request's <c>request_uri</c> stays usable. Default 60 seconds.</summary>
    public TimeSpan PushedAuthorizationRequestLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the End-User has to authenticate. Default 10 minutes.</summary>
    public TimeSpan PendingAuthorizationLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Lifetime of an authorization code. Default 60 seconds.</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Deferred issuance (<see cref="OpenId4VciIssuerOptions.DeferredIssuance"/>); set in code.</summary>
    public DeferredIssuanceOptions? DeferredIssuance { get; set; }

    /// <summary>The Notification Endpoint (<see cref="OpenId4VciIssuerOptions.Notifications"/>); set in code.</summary>
    public IssuerNotificationOptions? Notifications { get; set; }

    /// <summary>Encrypted requests and responses (<see cref="OpenId4VciIssuerOptions.Encryption"/>); set in code.</summary>
    public IssuerEncryptionOptions? Encryption { get; set; }

    /// <summary>Allows an <c>http</c> Credential Issuer Identifier. Only for tests on loopback.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>Attestation-Based Client Authentication (<see cref="OpenId4VciIssuerOptions.ClientAttestation"/>); set in code.</summary>
    public ClientAttestationValidatorOptions? ClientAttestation { get; set; }

    /// <summary>The key attestation policy (<see cref="OpenId4VciIssuerOptions.KeyAttestation"/>); set in code.</summary>
    public KeyAttestationPolicy? KeyAttestation { get; set; }

    /// <summary>Values from configuration that could not be read; reported by start-up validation.</summary>
    internal List<string> ConfigurationProblems { get; } = [];

    /// <summary>Reads the bindable values from <paramref name="configuration"/>.</summary>
    internal void Bind(IConfiguration configuration)
    {
        var r = new ConfigurationReader(configuration, ConfigurationProblems);
        CredentialIssuer = r.String(nameof(CredentialIssuer), CredentialIssuer);
        r.Objects(nameof(CredentialConfigurations), CredentialConfigurations, ReadConfiguration);
        r.Objects(nameof(Display), Display, ReadIssuerDisplay);
        BatchSize = r.Int32(nameof(BatchSize), BatchSize);
        BatchIssuedAtPrecision = r.NullableTimeSpan(nameof(BatchIssuedAtPrecision), BatchIssuedAtPrecision);
        PreAuthorizedCodeLifetime = r.TimeSpan(nameof(PreAuthorizedCodeLifetime), PreAuthorizedCodeLifetime);
        AccessTokenLifetime = r.TimeSpan(nameof(AccessTokenLifetime), AccessTokenLifetime);
        NonceLifetime = r.TimeSpan(nameof(NonceLifetime), NonceLifetime);
        MaxTransactionCodeAttempts = r.Int32(nameof(MaxTransactionCodeAttempts), MaxTransactionCodeAttempts);
        SingleUseAccessTokens = r.Boolean(nameof(SingleUseAccessTokens), SingleUseAccessTokens);
        r.Strings(nameof(ProofSigningAlgorithms), ProofSigningAlgorithms);
        ProofMaxAge = r.TimeSpan(nameof(ProofMaxAge), ProofMaxAge);
        ClockSkew = r.TimeSpan(nameof(ClockSkew), ClockSkew);
        CredentialValidity = r.NullableTimeSpan(nameof(CredentialValidity), CredentialValidity);
        StatusListUri = r.String(nameof(StatusListUri), StatusListUri);
        PushedAuthorizationRequestLifetime = r.TimeSpan(nameof(PushedAuthorizationRequestLifetime), PushedAuthorizationRequestLifetime);
        PendingAuthorizationLifetime = r.TimeSpan(nameof(PendingAuthorizationLifetime), PendingAuthorizationLifetime);
        AuthorizationCodeLifetime = r.TimeSpan(nameof(AuthorizationCodeLifetime), AuthorizationCodeLifetime);
        AllowHttp = r.Boolean(nameof(AllowHttp), AllowHttp);
    }

    /// <summary>The immutable options; call only once validation passed.</summary>
    internal OpenId4VciIssuerOptions ToOptions(TimeProvider defaultClock) => new()
    {
        CredentialIssuer = CredentialIssuer!,
        Signer = Signer!,
        CredentialConfigurations = [.. CredentialConfigurations],
        ResolveDataset = ResolveDataset!,
        W3cCredentialConfigurations = [.. W3cCredentialConfigurations],
        ResolveW3cCredential = ResolveW3cCredential,
        Display = Display.Count == 0 ? null : [.. Display],
        BatchSize = BatchSize,
        BatchIssuedAtPrecision = BatchIssuedAtPrecision,
        PreAuthorizedCodeLifetime = PreAuthorizedCodeLifetime,
        AccessTokenLifetime = AccessTokenLifetime,
        NonceLifetime = NonceLifetime,
        MaxTransactionCodeAttempts = MaxTransactionCodeAttempts,
        SingleUseAccessTokens = SingleUseAccessTokens,
        ProofSigningAlgorithms = [.. ProofSigningAlgorithms.Select(name => JwsAlgorithm.TryGet(name, out var a) ? a : throw new InvalidOperationException($"Unknown proof signing algorithm '{name}'."))],
        ProofMaxAge = ProofMaxAge,
        ClockSkew = ClockSkew,
        CredentialValidity = CredentialValidity,
        CredentialHeaders = CredentialHeaders.Count == 0 ? null : new Dictionary<string, JsonNode?>(CredentialHeaders, StringComparer.Ordinal),
        StatusLists = StatusLists,
        StatusListUri = StatusListUri,
        TimeProvider = TimeProvider ?? defaultClock,
        Dpop = Dpop,
        ValidateClient = ValidateClient,
        PushedAuthorizationRequestLifetime = PushedAuthorizationRequestLifetime,
        PendingAuthorizationLifetime = PendingAuthorizationLifetime,
        AuthorizationCodeLifetime = AuthorizationCodeLifetime,
        DeferredIssuance = DeferredIssuance,
        Notifications = Notifications,
        Encryption = Encryption,
        AllowHttp = AllowHttp,
        ClientAttestation = ClientAttestation,
        KeyAttestation = KeyAttestation,
    };

    private static IssuerCredentialConfiguration? ReadConfiguration(ConfigurationReader r)
    {
        var id = r.Required("Id");
        var vct = r.Required("Vct");
        var display = new List<CredentialDisplay>();
        r.Objects("Display", display, ReadCredentialDisplay);
        return id is null || vct is null ? null : new IssuerCredentialConfiguration
        {
            Id = id,
            Vct = vct,
            VctIntegrity = r.String("VctIntegrity", null),
            Scope = r.String("Scope", null),
            Display = display.Count == 0 ? null : display,
        };
    }

    private static CredentialDisplay? ReadCredentialDisplay(ConfigurationReader r) => r.Required("Name") is { } name
        ? new CredentialDisplay
        {
            Name = name,
            Locale = r.String("Locale", null),
            Description = r.String("Description", null),
            BackgroundColor = r.String("BackgroundColor", null),
            TextColor = r.String("TextColor", null),
            Logo = ReadLogo(r.Child("Logo")),
        }
        : null;

    private static IssuerDisplay? ReadIssuerDisplay(ConfigurationReader r) => new()
    {
        Name = r.String("Name", null),
        Locale = r.String("Locale", null),
        Logo = ReadLogo(r.Child("Logo")),
    };

    private static DisplayLogo? ReadLogo(ConfigurationReader? r) => r?.Required("Uri") is { } uri ? new DisplayLogo { Uri = uri, AltText = r.String("AltText", null) } : null;
}
