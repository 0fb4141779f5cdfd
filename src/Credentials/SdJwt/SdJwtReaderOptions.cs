using System;

namespace Credentials.SdJwt;

/// <summary>Limits for reading untrusted SD-JWTs. Every limit has a safe default; see <c>specs/limits.md</c>.</summary>
public sealed record SdJwtReaderOptions
{
    /// <summary>The default limits.</summary>
    public static SdJwtReaderOptions Default { get; } = new();

    /// <summary>The largest SD-JWT accepted, in characters. Default 1 MiB.</summary>
    public int MaxLength { get; init; } = 1024 * 1024;

    /// <summary>The most disclosures accepted. Default 1,000.</summary>
    public int MaxDisclosures { get; init; } = 1000;

    /// <summary>The deepest JSON nesting accepted, counting nesting through disclosures. Default 32.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>
    /// JWS JSON serialization only: accept a <c>kid</c> in an unprotected header. Off by default, so an unprotected
    /// header may carry only <c>disclosures</c> and <c>kb_jwt</c> (<c>sdjwt.unprotected_header_not_allowed</c>). Turn it
    /// on to read RFC 9901's section 8.3 example and the general serialization of peers that write an unsigned
    /// <c>kid</c> there. The <c>kid</c> is kept as received (a holder passes it on unchanged) but never chooses a key:
    /// verifiers take keys from their resolver and the protected header only.
    /// </summary>
    public bool AllowUnprotectedKeyId { get; init; }

    /// <summary>Checks that every limit is positive (a zero or negative limit would refuse everything, or overflow).</summary>
    /// <param name="paramName">The name of the constructor parameter, for the exception.</param>
    /// <exception cref="ArgumentException">A limit is not positive, or the depth exceeds what the JSON reader supports.</exception>
    internal void Validate(string paramName)
    {
        if (MaxLength <= 0 || MaxDisclosures < 0 || MaxDepth <= 0 || MaxDepth > 256)
        {
            throw new ArgumentException("MaxLength and MaxDepth must be positive (MaxDepth at most 256) and MaxDisclosures not negative.", paramName);
        }
    }
}
