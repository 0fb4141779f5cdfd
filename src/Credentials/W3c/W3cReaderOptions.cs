using System;

namespace Credentials.W3c;

/// <summary>Limits for reading credentials and presentations from untrusted JSON.</summary>
public sealed record W3cReaderOptions
{
    /// <summary>The default options.</summary>
    public static W3cReaderOptions Default { get; } = new();

    /// <summary>The largest document accepted, in UTF-8 bytes. Default 1 MiB.</summary>
    public int MaxLength { get; init; } = 1024 * 1024;

    /// <summary>The deepest JSON nesting accepted. Default 32.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>The most <c>verifiableCredential</c> values a presentation may hold. Default 100.</summary>
    public int MaxPresentedCredentials { get; init; } = 100;

    /// <summary>Checks the options; readers call it first, so a bad option is a programmer error.</summary>
    /// <param name="paramName">The parameter name for the exception.</param>
    /// <exception cref="ArgumentException">A limit is not positive, or the depth exceeds 256.</exception>
    internal void Validate(string paramName)
    {
        if (MaxLength <= 0 || MaxDepth <= 0 || MaxDepth > 256 || MaxPresentedCredentials <= 0)
        {
            throw new ArgumentException("MaxLength, MaxDepth and MaxPresentedCredentials must be positive (MaxDepth at most 256).", paramName);
        }
    }
}
