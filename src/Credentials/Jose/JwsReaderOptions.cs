using System;
using System.Collections.Generic;

namespace Credentials.Jose;

/// <summary>Limits and extensions for reading untrusted JWS tokens.</summary>
public sealed record JwsReaderOptions
{
    /// <summary>The default options.</summary>
    public static JwsReaderOptions Default { get; } = new();

    /// <summary>The largest token accepted, in characters. Default 256 KiB.</summary>
    public int MaxTokenLength { get; init; } = 256 * 1024;

    /// <summary>The deepest JSON nesting accepted in the header and payload. Default 32.</summary>
    public int MaxJsonDepth { get; init; } = 32;

    /// <summary>
    /// Header parameter names this application understands and processes when they appear in <c>crit</c>.
    /// Empty by default: any <c>crit</c> is rejected (RFC 7515 section 4.1.11).
    /// </summary>
    public IReadOnlySet<string> UnderstoodCriticalHeaders { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Checks the options; a reader calls it before reading, so that a bad option is a programmer error, never a failure deep in parsing.</summary>
    /// <param name="paramName">The name of the parameter, for the exception.</param>
    /// <exception cref="ArgumentException">A limit is not positive, the depth exceeds 256, or the set is null.</exception>
    internal void Validate(string paramName)
    {
        if (MaxTokenLength <= 0 || MaxJsonDepth <= 0 || MaxJsonDepth > 256 || UnderstoodCriticalHeaders is null)
        {
            throw new ArgumentException("MaxTokenLength and MaxJsonDepth must be positive (MaxJsonDepth at most 256), and UnderstoodCriticalHeaders not null.", paramName);
        }
    }
}
