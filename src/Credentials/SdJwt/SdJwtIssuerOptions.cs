using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Credentials.SdJwt;

/// <summary>Options for <see cref="SdJwtIssuer"/>.</summary>
public sealed record SdJwtIssuerOptions
{
    /// <summary>The hash algorithm for disclosure digests, written as <c>_sd_alg</c>. Default <c>sha-256</c>.</summary>
    public SdHashAlgorithm HashAlgorithm { get; init; } = SdHashAlgorithm.Sha256;

    /// <summary>The salt source. Default: 128 bits from the CSPRNG. Replace only in tests that reproduce vectors.</summary>
    public ISaltGenerator SaltGenerator { get; init; } = RandomSaltGenerator.Instance;

    /// <summary>The JWS <c>typ</c> header, for example <c>example+sd-jwt</c>; none by default.</summary>
    public string? Type { get; init; }

    /// <summary>Further JWS header parameters (for example <c>x5c</c>).</summary>
    public IReadOnlyDictionary<string, JsonNode?>? ExtraHeaders { get; init; }
}
