using System;

namespace Credentials.W3c.OpenBadges.Baking;

/// <summary>Limits for baking credentials into images and reading them back from untrusted images. Immutable.</summary>
public sealed record BadgeBakingOptions
{
    /// <summary>The default limits.</summary>
    public static BadgeBakingOptions Default { get; } = new();

    /// <summary>The largest image accepted, in bytes. Default 10 MiB.</summary>
    public int MaxImageBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>The largest baked credential accepted, in UTF-8 bytes. Default 1 MiB.</summary>
    public int MaxCredentialBytes { get; init; } = 1024 * 1024;

    /// <summary>The deepest nesting of SVG elements accepted (the root is depth 1). Default 64.</summary>
    public int MaxSvgDepth { get; init; } = 64;

    /// <summary>Checks the options; the baker and the reader call it first, so a bad option is a programmer error.</summary>
    /// <param name="paramName">The parameter name for the exception.</param>
    /// <exception cref="ArgumentException">A limit is not positive.</exception>
    internal void Validate(string paramName)
    {
        if (MaxImageBytes <= 0 || MaxCredentialBytes <= 0 || MaxSvgDepth <= 0)
        {
            throw new ArgumentException("MaxImageBytes, MaxCredentialBytes and MaxSvgDepth must be positive.", paramName);
        }
    }
}
