using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.SdJwtVc.TypeMetadata.Resolution;
using Credentials.Status;
using Credentials.Trust;

namespace Credentials.AspNetCore.Http;

/// <summary>
/// The settings of the resolvers <see cref="CredentialResolverServiceCollectionExtensions.AddCredentialResolvers"/>
/// registers: each resolver's own options, whose defaults are meant for production. The <c>Http</c> guards of each
/// (address policy, HTTPS, size cap, timeout, redirects) also configure the primary handler of its named client. A
/// resolver's <c>Cache</c> left <see langword="null"/> is set to one on <c>HybridCache</c> when
/// <see cref="UseHybridCache"/> is on; a <c>TimeProvider</c> left at <see cref="System.TimeProvider.System"/> is
/// replaced by the application's registered <see cref="System.TimeProvider"/>, if any.
/// </summary>
public sealed class CredentialResolverOptions
{
    /// <summary>The DID resolver's cache, last-known-good period and key refetch interval.</summary>
    public DidResolverOptions Dids { get; set; } = DidResolverOptions.Default;

    /// <summary>The did:web fetch guards (client <see cref="CredentialsHttpClients.DidWeb"/>).</summary>
    public DidWebResolverOptions DidWeb { get; set; } = DidWebResolverOptions.Default;

    /// <summary>The Status List Token resolver (client <see cref="CredentialsHttpClients.StatusList"/>).</summary>
    public HttpStatusListResolverOptions StatusList { get; set; } = HttpStatusListResolverOptions.Default;

    /// <summary>How fetched Status List Tokens are verified (the keys come from the registered <see cref="IIssuerKeyResolver"/>).</summary>
    public StatusListTokenVerifierOptions StatusListTokens { get; set; } = StatusListTokenVerifierOptions.Default;

    /// <summary>The Type Metadata resolver (client <see cref="CredentialsHttpClients.TypeMetadata"/>).</summary>
    public HttpTypeMetadataResolverOptions TypeMetadata { get; set; } = HttpTypeMetadataResolverOptions.Default;

    /// <summary>Type Metadata resolution limits (depth, reader limits).</summary>
    public TypeMetadataResolverOptions TypeMetadataResolution { get; set; } = TypeMetadataResolverOptions.Default;

    /// <summary>The JWT VC Issuer Metadata resolver (client <see cref="CredentialsHttpClients.IssuerMetadata"/>).</summary>
    public JwtVcIssuerMetadataResolverOptions IssuerMetadata { get; set; } = JwtVcIssuerMetadataResolverOptions.Default;

    /// <summary>
    /// Whether resolvers without a configured <c>Cache</c> keep their entries in the application's <c>HybridCache</c>
    /// (in memory only: verified keys and tokens are never written to a distributed cache). Default <see langword="true"/>;
    /// <see langword="false"/> keeps each resolver's own bounded in-process cache.
    /// </summary>
    public bool UseHybridCache { get; set; } = true;
}
