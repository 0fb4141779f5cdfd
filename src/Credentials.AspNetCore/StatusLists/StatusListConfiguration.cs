using System;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Credentials.AspNetCore.StatusLists;

/// <summary>
/// Binds the scalar settings of <see cref="StatusListHostingOptions"/> from a configuration section, without reflection
/// (the package is trimming- and AOT-compatible): <c>Lists</c> (an array), <c>TokenLifetime</c>, <c>TimeToLive</c>,
/// <c>CheckInterval</c>, <c>RetryDelay</c>, <c>MaxRetryDelay</c> (TimeSpan, for example <c>"1.00:00:00"</c>),
/// <c>RefreshMargin</c> (a number), <c>Issuer</c>, <c>PublishDirectory</c>.
/// </summary>
internal static class StatusListConfiguration
{
    public static void Bind(IConfiguration section, StatusListHostingOptions options)
    {
        foreach (var child in section.GetSection(nameof(StatusListHostingOptions.Lists)).GetChildren())
        {
            if (!string.IsNullOrWhiteSpace(child.Value) && !options.Lists.Contains(child.Value))
            {
                options.Lists.Add(child.Value);
            }
        }

        options.TokenLifetime = TimeSpanOr(section, nameof(StatusListHostingOptions.TokenLifetime), options.TokenLifetime);
        options.TimeToLive = TimeSpanOr(section, nameof(StatusListHostingOptions.TimeToLive), options.TimeToLive);
        options.CheckInterval = TimeSpanOr(section, nameof(StatusListHostingOptions.CheckInterval), options.CheckInterval);
        options.RetryDelay = TimeSpanOr(section, nameof(StatusListHostingOptions.RetryDelay), options.RetryDelay);
        options.MaxRetryDelay = TimeSpanOr(section, nameof(StatusListHostingOptions.MaxRetryDelay), options.MaxRetryDelay);
        if (section[nameof(StatusListHostingOptions.RefreshMargin)] is { } margin)
        {
            options.RefreshMargin = double.TryParse(margin, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new InvalidOperationException("Configuration: RefreshMargin must be a number (for example 0.33).");
        }

        options.Issuer = section[nameof(StatusListHostingOptions.Issuer)] ?? options.Issuer;
        options.PublishDirectory = section[nameof(StatusListHostingOptions.PublishDirectory)] ?? options.PublishDirectory;
    }

    private static TimeSpan TimeSpanOr(IConfiguration section, string key, TimeSpan fallback)
        => section[key] is not { } text
            ? fallback
            : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new InvalidOperationException($"Configuration: {key} must be a TimeSpan (for example 1.00:00:00 or 00:05:00).");
}
