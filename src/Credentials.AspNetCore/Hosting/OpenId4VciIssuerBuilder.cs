using System;
using System.Diagnostics.CodeAnalysis;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Credentials.AspNetCore.Hosting;

/// <summary>Configures an <see cref="Credentials.OpenId4Vci.OpenId4VciIssuer"/> registered with <c>AddOpenId4VciIssuer</c>.</summary>
public sealed class OpenId4VciIssuerBuilder
{
    internal OpenId4VciIssuerBuilder(IServiceCollection services, string name)
    {
        Services = services;
        Name = name;
    }

    /// <summary>The services the issuer is registered in.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The issuer's name: empty for the default issuer, else its DI service key and options name.</summary>
    public string Name { get; }

    /// <summary>Configures the settings again, with access to the app's services (run after the registration's own configuration).</summary>
    /// <param name="configure">Sets values, for example a signer from a key vault client.</param>
    /// <returns>This builder.</returns>
    public OpenId4VciIssuerBuilder Configure(Action<OpenId4VciIssuerSettings, IServiceProvider> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.AddOptions<OpenId4VciIssuerSettings>(Name).Configure<IServiceProvider>(configure);
        return this;
    }

    /// <summary>
    /// Registers <typeparamref name="TSource"/> as a scoped service and makes it the issuer's
    /// <see cref="OpenId4VciIssuerSettings.ResolveDataset"/>: each call creates a DI scope, resolves the source there, and
    /// disposes the scope when the call returns.
    /// </summary>
    /// <typeparam name="TSource">The app's source, for example one reading an EF Core <c>DbContext</c>.</typeparam>
    /// <returns>This builder.</returns>
    public OpenId4VciIssuerBuilder AddCredentialDatasets<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSource>()
        where TSource : class, ICredentialDatasetSource
    {
        Services.TryAddScoped<TSource>();
        Services.AddOptions<OpenId4VciIssuerSettings>(Name).Configure<IServiceScopeFactory>((settings, scopes) =>
            settings.ResolveDataset = async (context, cancellationToken) =>
            {
                var scope = scopes.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    return await scope.ServiceProvider.GetRequiredService<TSource>().GetDatasetAsync(context, cancellationToken).ConfigureAwait(false);
                }
            });
        return this;
    }

    /// <summary>
    /// Registers <typeparamref name="TSource"/> as a scoped service and makes it the issuer's
    /// <see cref="OpenId4VciIssuerSettings.ResolveW3cCredential"/>, one DI scope per call.
    /// </summary>
    /// <typeparam name="TSource">The app's source.</typeparam>
    /// <returns>This builder.</returns>
    public OpenId4VciIssuerBuilder AddW3cCredentials<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSource>()
        where TSource : class, IW3cCredentialSource
    {
        Services.TryAddScoped<TSource>();
        Services.AddOptions<OpenId4VciIssuerSettings>(Name).Configure<IServiceScopeFactory>((settings, scopes) =>
            settings.ResolveW3cCredential = async (context, cancellationToken) =>
            {
                var scope = scopes.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    return await scope.ServiceProvider.GetRequiredService<TSource>().GetCredentialAsync(context, cancellationToken).ConfigureAwait(false);
                }
            });
        return this;
    }
}
