using System;
using System.IO;

namespace Credentials.Browser.Tests.Hosting;

/// <summary>
/// Finds the system Chromium the browser tests drive: <c>CREDENTIALS_CHROMIUM</c>, else Debian's
/// <c>/usr/bin/chromium</c>, else <c>/usr/bin/chromium-browser</c>. Playwright never downloads a browser here.
/// </summary>
internal static class Chromium
{
    public const string EnvironmentVariable = "CREDENTIALS_CHROMIUM";

    private static readonly string[] s_candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    /// <summary>The Chromium executable.</summary>
    /// <exception cref="InvalidOperationException">None was found: the message says how to get one.</exception>
    public static string Locate() => Locate(Environment.GetEnvironmentVariable(EnvironmentVariable), s_candidates);

    /// <summary>The same search over the given setting and candidates.</summary>
    public static string Locate(string? configured, string[] candidates)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{EnvironmentVariable} is '{configured}', which does not exist. Point it at a Chromium executable, or unset it to use /usr/bin/chromium.");
        }

        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "The browser tests need Chromium and none was found (looked at $" + EnvironmentVariable + ", " + string.Join(", ", candidates) + "). "
            + "`bash .ci/run` installs Debian's package (as root: apt-get install -y --no-install-recommends chromium); "
            + "or set " + EnvironmentVariable + " to a Chromium executable.");
    }
}
