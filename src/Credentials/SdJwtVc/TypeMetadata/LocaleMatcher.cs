using System;
using System.Collections.Immutable;

namespace Credentials.SdJwtVc.TypeMetadata;

/// <summary>
/// Picks the display entry for a requested language tag: the exact tag, then the tag with trailing subtags removed
/// (<c>ja-JP</c> → <c>ja</c>), then any entry of the same primary language (<c>ja</c> → <c>ja-JP</c>), then English
/// (<c>en-US</c>, <c>en</c>, any <c>en-*</c>), then the first entry. Tags compare case-insensitively (RFC 5646 section 2.1.1).
/// </summary>
internal static class LocaleMatcher
{
    public static T? Select<T>(ImmutableArray<T> entries, Func<T, string> localeOf, string? requested)
        where T : class
    {
        if (entries.IsDefaultOrEmpty)
        {
            return null;
        }

        if (!string.IsNullOrEmpty(requested))
        {
            var tag = requested.Replace('_', '-');
            while (tag.Length > 0)
            {
                if (Find(entries, localeOf, tag) is { } exact)
                {
                    return exact;
                }

                var dash = tag.LastIndexOf('-');
                tag = dash > 0 ? tag[..dash] : string.Empty;
            }

            var primary = Primary(requested.Replace('_', '-'));
            foreach (var entry in entries)
            {
                if (string.Equals(Primary(localeOf(entry)), primary, StringComparison.OrdinalIgnoreCase))
                {
                    return entry;
                }
            }
        }

        return Find(entries, localeOf, "en-US")
            ?? Find(entries, localeOf, "en")
            ?? FindPrimary(entries, localeOf, "en")
            ?? entries[0];
    }

    private static T? Find<T>(ImmutableArray<T> entries, Func<T, string> localeOf, string tag)
        where T : class
    {
        foreach (var entry in entries)
        {
            if (string.Equals(localeOf(entry), tag, StringComparison.OrdinalIgnoreCase))
            {
                return entry;
            }
        }

        return null;
    }

    private static T? FindPrimary<T>(ImmutableArray<T> entries, Func<T, string> localeOf, string primary)
        where T : class
    {
        foreach (var entry in entries)
        {
            if (string.Equals(Primary(localeOf(entry)), primary, StringComparison.OrdinalIgnoreCase))
            {
                return entry;
            }
        }

        return null;
    }

    private static string Primary(string tag)
    {
        var dash = tag.IndexOfAny(['-', '_']);
        return dash > 0 ? tag[..dash] : tag;
    }
}
