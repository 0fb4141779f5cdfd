using System;
using Credentials.Http;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace Credentials.AspNetCore.Http;

/// <summary>
/// Runs after every other configuration of the resolvers' named clients and refuses (throws when the client is
/// created) one whose primary handler is not the <see cref="GuardedHttpHandler"/> made for it, for example after a
/// <c>ConfigurePrimaryHttpMessageHandler</c> or <c>UseSocketsHttpHandler</c> of the application: only that handler checks
/// the addresses actually connected to, so a replaced one would let a DID, a <c>vct</c> or a status list URI reach the
/// server's own network. Delegating handlers (resilience, logging) are left alone.
/// </summary>
internal sealed class GuardedPrimaryHandlerFilter(IOptions<CredentialResolverOptions> options) : IHttpMessageHandlerBuilderFilter
{
    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return builder =>
        {
            next(builder);
            if (PolicyFor(options.Value, builder.Name) is { } policy && !GuardedHttpHandler.IsGuardedHandler(builder.PrimaryHandler, policy))
            {
                throw new InvalidOperationException(
                    $"The primary handler of the '{builder.Name}' HTTP client must be the GuardedHttpHandler that AddCredentialResolvers configures: add delegating handlers to it, do not replace it.");
            }
        };
    }

    /// <summary>The address policy of a resolver's named client, or <see langword="null"/> for another client.</summary>
    internal static IHttpAddressPolicy? PolicyFor(CredentialResolverOptions options, string? name) => name switch
    {
        CredentialsHttpClients.DidWeb => options.DidWeb.Http.AddressPolicy,
        CredentialsHttpClients.StatusList => options.StatusList.Http.AddressPolicy,
        CredentialsHttpClients.TypeMetadata => options.TypeMetadata.Http.AddressPolicy,
        CredentialsHttpClients.IssuerMetadata => options.IssuerMetadata.Http.AddressPolicy,
        _ => null,
    };
}
