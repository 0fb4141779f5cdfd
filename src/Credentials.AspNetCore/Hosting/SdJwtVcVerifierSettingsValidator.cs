using System;
using System.Collections.Generic;
using System.Linq;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Trust;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Credentials.AspNetCore.Hosting;

/// <summary>Checks every <see cref="SdJwtVcVerifierSettings"/> at once and reports each problem with the verifier's name.</summary>
internal sealed class SdJwtVcVerifierSettingsValidator(IServiceProviderIsService services) : IValidateOptions<SdJwtVcVerifierSettings>
{
    public ValidateOptionsResult Validate(string? name, SdJwtVcVerifierSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>(options.ConfigurationProblems);
        Algorithms(problems, nameof(options.AllowedAlgorithms), options.AllowedAlgorithms);
        Algorithms(problems, nameof(options.AllowedKeyBindingAlgorithms), options.AllowedKeyBindingAlgorithms);
        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > SdJwtVerifierOptions.MaxClockSkew)
        {
            problems.Add($"ClockSkew must be between zero and {SdJwtVerifierOptions.MaxClockSkew}.");
        }

        if (options.KeyBindingMaxAge <= TimeSpan.Zero || options.KeyBindingMaxAge > SdJwtVerifierOptions.MaxKeyBindingMaxAge)
        {
            problems.Add($"KeyBindingMaxAge must be positive and at most {SdJwtVerifierOptions.MaxKeyBindingMaxAge}.");
        }

        if (options.IssuerKeys is null && !HostingRegistrations.IsService(services, typeof(IIssuerKeyResolver), name))
        {
            problems.Add("IssuerKeys is required (set it in code, or register an IIssuerKeyResolver).");
        }

        if (problems.Count == 0)
        {
            try
            {
                _ = new SdJwtVcVerifier(options.IssuerKeys ?? new StaticIssuerKeyResolver([]), options: options.ToOptions(TimeProvider.System));
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
            {
                problems.Add(ex.Message);
            }
        }

        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => HostingRegistrations.Describe("SD-JWT VC verifier", name) + p));
    }

    internal static void Algorithms(List<string> problems, string setting, IList<string> names)
    {
        if (names.Count == 0)
        {
            problems.Add($"{setting} must not be empty.");
        }

        foreach (var algorithm in names.Where(a => !JwsAlgorithm.TryGet(a, out _)))
        {
            problems.Add($"{setting}: '{algorithm}' is not a supported algorithm ({string.Join(", ", JwsAlgorithm.All.Select(a => a.Name))}).");
        }
    }
}
