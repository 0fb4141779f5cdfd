using System;
using System.Collections.Generic;
using System.Linq;
using Credentials.OpenId4Vp;
using Credentials.Protocols;
using Credentials.SdJwtVc;
using Credentials.Trust;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Credentials.AspNetCore.Hosting;

/// <summary>
/// Checks every <see cref="OpenId4VpVerifierSettings"/> at once and reports each problem with the verifier's name; when
/// none is found, builds the verifier once over throw-away dependencies so that whatever else its constructor refuses
/// is reported at start-up too.
/// </summary>
internal sealed class OpenId4VpVerifierSettingsValidator(IServiceProviderIsService services) : IValidateOptions<OpenId4VpVerifierSettings>
{
    public ValidateOptionsResult Validate(string? name, OpenId4VpVerifierSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>(options.ConfigurationProblems);
        if (string.IsNullOrEmpty(options.ClientId))
        {
            problems.Add("ClientId is required.");
        }

        if (options.ResponseUri is null)
        {
            problems.Add("ResponseUri is required.");
        }
        else if (!options.ResponseUri.IsAbsoluteUri)
        {
            problems.Add("ResponseUri must be absolute.");
        }

        if (options.RequestUriMethod is not (null or OpenId4VpConstants.RequestUriMethodGet or OpenId4VpConstants.RequestUriMethodPost))
        {
            problems.Add("RequestUriMethod must be empty, 'get' or 'post'.");
        }

        if (options.ResponseMode is not (OpenId4VpConstants.ResponseModeDirectPost or OpenId4VpConstants.ResponseModeDirectPostJwt))
        {
            problems.Add("ResponseMode must be 'direct_post' or 'direct_post.jwt'.");
        }

        if (options.DcApiResponseMode is not (OpenId4VpConstants.ResponseModeDcApi or OpenId4VpConstants.ResponseModeDcApiJwt))
        {
            problems.Add("DcApiResponseMode must be 'dc_api' or 'dc_api.jwt'.");
        }

        OpenId4VciIssuerSettingsValidator.Positive(problems, nameof(options.RequestLifetime), options.RequestLifetime);
        if (options.ResultLifetime < TimeSpan.Zero)
        {
            problems.Add("ResultLifetime must not be negative.");
        }

        OpenId4VciIssuerSettingsValidator.Positive(problems, nameof(options.MaxVpTokenLength), options.MaxVpTokenLength);
        if (options.Policy is null)
        {
            problems.Add("Policy is required.");
        }

        if (!services.IsService(typeof(IProtocolStateStore)))
        {
            problems.Add("no IProtocolStateStore is registered (for example AddSqliteProtocolStateStore or AddInMemoryProtocolStateStore).");
        }

        if (options.CredentialVerifierName is { Length: > 0 } verifierName
            ? !(services is IServiceProviderIsKeyedService keyed && keyed.IsKeyedService(typeof(SdJwtVcVerifier), verifierName))
            : !services.IsService(typeof(SdJwtVcVerifier)))
        {
            problems.Add(options.CredentialVerifierName is { Length: > 0 }
                ? $"CredentialVerifierName: no SdJwtVcVerifier named '{options.CredentialVerifierName}' is registered (AddSdJwtVcVerifier(name, ...))."
                : "no SdJwtVcVerifier is registered (for example AddSdJwtVcVerifier(...)).");
        }

        if (problems.Count == 0)
        {
            try
            {
                _ = new OpenId4VpVerifier(new InMemoryProtocolStateStore(), new SdJwtVcVerifier(new StaticIssuerKeyResolver([])), options.ToOptions(TimeProvider.System));
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
            {
                problems.Add(ex.Message);
            }
        }

        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => HostingRegistrations.Describe("OpenID4VP verifier", name) + p));
    }
}
