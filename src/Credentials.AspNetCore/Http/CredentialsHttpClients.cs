namespace Credentials.AspNetCore.Http;

/// <summary>
/// The names of the <c>IHttpClientFactory</c> clients the resolvers registered by
/// <see cref="CredentialResolverServiceCollectionExtensions.AddCredentialResolvers"/> fetch through. Each one's primary
/// handler is <see cref="Credentials.Http.GuardedHttpHandler"/>; add delegating handlers to it, for example
/// <c>services.AddHttpClient(CredentialsHttpClients.StatusList).AddStandardResilienceHandler()</c>, but never replace
/// its primary handler (the client is then refused when created): the guarded handler is the only place that checks the
/// addresses actually connected to, which is what stops request forgery into the server's own network and DNS rebinding.
/// </summary>
public static class CredentialsHttpClients
{
    /// <summary>did:web documents (<see cref="Credentials.Dids.Methods.DidWebResolver"/>).</summary>
    public const string DidWeb = "Credentials.DidWeb";

    /// <summary>Status List Tokens (<see cref="Credentials.Status.HttpStatusListResolver"/>).</summary>
    public const string StatusList = "Credentials.StatusList";

    /// <summary>SD-JWT VC Type Metadata (<see cref="Credentials.SdJwtVc.TypeMetadata.Resolution.HttpTypeMetadataResolver"/>).</summary>
    public const string TypeMetadata = "Credentials.TypeMetadata";

    /// <summary>JWT VC Issuer Metadata and its <c>jwks_uri</c> (<see cref="Credentials.Trust.JwtVcIssuerMetadataResolver"/>).</summary>
    public const string IssuerMetadata = "Credentials.IssuerMetadata";
}
