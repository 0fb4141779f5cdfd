using System;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Credentials.AspNetCore.Authentication;

/// <summary>Fills in the Data Protection provider from DI when the app did not set one.</summary>
internal sealed class VerifiablePresentationPostConfigureOptions(IDataProtectionProvider dataProtection) : IPostConfigureOptions<VerifiablePresentationOptions>
{
    public void PostConfigure(string? name, VerifiablePresentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DataProtectionProvider ??= dataProtection;
    }
}
