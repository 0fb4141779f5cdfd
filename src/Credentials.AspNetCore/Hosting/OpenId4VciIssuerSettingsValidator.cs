using System;
using System.Collections.Generic;
using System.Linq;
using Credentials.OpenId4Vci;
using Credentials.Protocols;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Credentials.AspNetCore.Hosting;

/// <summary>
/// Checks every <see cref="OpenId4VciIssuerSettings"/> at once and reports each problem with the issuer's name; when
/// none is found, builds the issuer once over a throw-away store so that whatever else its constructor refuses is
/// reported at start-up too.
/// </summary>
internal sealed class OpenId4VciIssuerSettingsValidator(IServiceProviderIsService services) : IValidateOptions<OpenId4VciIssuerSettings>
{
    public ValidateOptionsResult Validate(string? name, OpenId4VciIssuerSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>(options.ConfigurationProblems);
        if (string.IsNullOrEmpty(options.CredentialIssuer))
        {
            problems.Add("CredentialIssuer is required.");
        }
        else if (!Uri.TryCreate(options.CredentialIssuer, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (options.AllowHttp && uri.Scheme == Uri.UriSchemeHttp))
            || options.CredentialIssuer.Contains('?', StringComparison.Ordinal) || options.CredentialIssuer.Contains('#', StringComparison.Ordinal)
            || options.CredentialIssuer.EndsWith('/'))
        {
            // OpenID4VCI 1.0 section 12.2.1: the Credential Issuer Identifier is an https URL without query or fragment.
            problems.Add("CredentialIssuer must be an https URL (http only with AllowHttp) without query, fragment or trailing slash.");
        }

        if (options.Signer is null)
        {
            problems.Add("Signer is required (set it in code).");
        }

        if (options.ResolveDataset is null)
        {
            problems.Add("ResolveDataset is required (set it in code, or register a source with AddCredentialDatasets<T>()).");
        }

        if (options.CredentialConfigurations.Count + options.W3cCredentialConfigurations.Count == 0)
        {
            problems.Add("CredentialConfigurations needs at least one configuration.");
        }

        foreach (var c in options.CredentialConfigurations.Where(c => c is null || string.IsNullOrEmpty(c.Id) || string.IsNullOrEmpty(c.Vct)))
        {
            problems.Add($"CredentialConfigurations: '{c?.Id}' needs an Id and a Vct.");
        }

        foreach (var id in options.CredentialConfigurations.Select(c => c?.Id).Concat(options.W3cCredentialConfigurations.Select(c => c?.Id)).Where(id => !string.IsNullOrEmpty(id)).GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"CredentialConfigurations: the id '{id.Key}' is used more than once.");
        }

        if (options.W3cCredentialConfigurations.Count > 0 && options.ResolveW3cCredential is null)
        {
            problems.Add("ResolveW3cCredential is required with W3C credential configurations.");
        }

        Positive(problems, nameof(options.BatchSize), options.BatchSize);
        Positive(problems, nameof(options.MaxTransactionCodeAttempts), options.MaxTransactionCodeAttempts);
        if (options.ProofSigningAlgorithms.Count == 0)
        {
            problems.Add("ProofSigningAlgorithms must not be empty.");
        }

        foreach (var algorithm in options.ProofSigningAlgorithms.Where(a => !JwsAlgorithm.TryGet(a, out _)))
        {
            problems.Add($"ProofSigningAlgorithms: '{algorithm}' is not a supported algorithm ({string.Join(", ", JwsAlgorithm.All.Select(a => a.Name))}).");
        }

        Positive(problems, nameof(options.PreAuthorizedCodeLifetime), options.PreAuthorizedCodeLifetime);
        Positive(problems, nameof(options.AccessTokenLifetime), options.AccessTokenLifetime);
        Positive(problems, nameof(options.NonceLifetime), options.NonceLifetime);
        Positive(problems, nameof(options.ProofMaxAge), options.ProofMaxAge);
        Positive(problems, nameof(options.PushedAuthorizationRequestLifetime), options.PushedAuthorizationRequestLifetime);
        Positive(problems, nameof(options.PendingAuthorizationLifetime), options.PendingAuthorizationLifetime);
        Positive(problems, nameof(options.AuthorizationCodeLifetime), options.AuthorizationCodeLifetime);
        if (options.ClockSkew < TimeSpan.Zero)
        {
            problems.Add("ClockSkew must not be negative.");
        }

        if ((options.StatusLists is null) != (options.StatusListUri is null))
        {
            problems.Add("StatusLists and StatusListUri are set together or not at all.");
        }

        if (!services.IsService(typeof(IProtocolStateStore)))
        {
            problems.Add("no IProtocolStateStore is registered (for example AddSqliteProtocolStateStore or AddInMemoryProtocolStateStore).");
        }

        if (problems.Count == 0)
        {
            try
            {
                _ = new OpenId4VciIssuer(new InMemoryProtocolStateStore(), options.ToOptions(TimeProvider.System));
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
            {
                problems.Add(ex.Message);
            }
        }

        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => HostingRegistrations.Describe("OpenID4VCI issuer", name) + p));
    }

    internal static void Positive(List<string> problems, string name, int value)
    {
        if (value < 1)
        {
            problems.Add($"{name} must be at least 1.");
        }
    }

    internal static void Positive(List<string> problems, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add($"{name} must be positive.");
        }
    }
}
