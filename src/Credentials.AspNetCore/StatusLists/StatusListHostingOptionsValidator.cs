using System;
using System.Collections.Generic;
using Credentials.Status;
using Microsoft.Extensions.Options;

namespace Credentials.AspNetCore.StatusLists;

/// <summary>Checks <see cref="StatusListHostingOptions"/> when the host starts (<c>ValidateOnStart</c>).</summary>
internal sealed class StatusListHostingOptionsValidator : IValidateOptions<StatusListHostingOptions>
{
    /// <summary>The longest <see cref="StatusListHostingOptions.MaxRetryDelay"/> accepted: one day.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, StatusListHostingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if ((options.Signer is null) == (options.TokenIssuer is null))
        {
            failures.Add("Set StatusListHostingOptions.Signer or StatusListHostingOptions.TokenIssuer (exactly one).");
        }

        if (options.ResolveIssuer is not null && (options.Issuer is not null || options.TokenIssuer is not null))
        {
            failures.Add("Set StatusListHostingOptions.Issuer or ResolveIssuer, not both, and neither with TokenIssuer.");
        }

        if (options.TokenIssuer is null)
        {
            if (options.TokenLifetime <= TimeSpan.Zero || options.TokenLifetime > StatusListTokenIssuer.MaxLifetime)
            {
                failures.Add("TokenLifetime must be positive and at most 100 years.");
            }

            if (options.TimeToLive <= TimeSpan.Zero || options.TimeToLive > StatusListTokenIssuer.MaxLifetime)
            {
                failures.Add("TimeToLive must be positive (draft-ietf-oauth-status-list §5.1) and at most 100 years.");
            }

            if (options.TokenLifetime > TimeSpan.Zero && double.IsFinite(options.RefreshMargin) && options.CheckInterval >= options.TokenLifetime * Math.Clamp(options.RefreshMargin, 0, 1))
            {
                failures.Add("CheckInterval must be shorter than RefreshMargin × TokenLifetime, or a token could expire between two checks.");
            }
        }

        if (!double.IsFinite(options.RefreshMargin) || options.RefreshMargin <= 0 || options.RefreshMargin >= 1)
        {
            failures.Add("RefreshMargin must be greater than 0 and less than 1 (a fraction of the token lifetime).");
        }

        if (options.CheckInterval <= TimeSpan.Zero)
        {
            failures.Add("CheckInterval must be positive.");
        }

        if (options.RetryDelay <= TimeSpan.Zero || options.MaxRetryDelay < options.RetryDelay || options.MaxRetryDelay > MaxRetryDelay)
        {
            failures.Add("RetryDelay must be positive, and MaxRetryDelay at least RetryDelay and at most one day.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var files = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var uri in options.Lists)
        {
            if (!StatusReference.IsAbsoluteUri(uri))
            {
                failures.Add($"Lists: '{uri}' is not an absolute URI.");
                continue;
            }

            if (!seen.Add(uri))
            {
                failures.Add($"Lists: '{uri}' is listed twice.");
                continue;
            }

            if (!string.IsNullOrWhiteSpace(options.PublishDirectory))
            {
                var file = (options.PublishFileName ?? StatusListFiles.DefaultFileName)(uri);
                if (!StatusListFiles.IsSafeFileName(file))
                {
                    failures.Add($"PublishFileName: the file name of '{uri}' is not a plain file name inside the publish directory (no separator, not '.' or '..', not rooted).");
                }
                else if (!files.Add(file))
                {
                    failures.Add($"PublishFileName: '{uri}' maps to a file name another list already uses.");
                }
            }
        }

        if (options.PublishDirectory is not null && string.IsNullOrWhiteSpace(options.PublishDirectory))
        {
            failures.Add("PublishDirectory must be null or a directory path.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
