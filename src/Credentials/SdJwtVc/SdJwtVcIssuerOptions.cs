using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using Credentials.SdJwt;

namespace Credentials.SdJwtVc;

/// <summary>Options for <see cref="SdJwtVcIssuer"/>.</summary>
public sealed record SdJwtVcIssuerOptions
{
    /// <summary>The issuer identifier written as <c>iss</c> (an HTTPS URL or a DID). Optional in the profile; set it so verifiers can find your keys.</summary>
    public string? Issuer { get; init; }

    /// <summary>The clock for <c>iat</c>, <c>nbf</c> and <c>exp</c>. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The default lifetime (<c>exp</c> = <c>iat</c> + validity) when a credential does not set its own expiry; none when null.</summary>
    public TimeSpan? DefaultValidity { get; init; }

    /// <summary>The hash algorithm for disclosures. Default <c>sha-256</c>.</summary>
    public SdHashAlgorithm HashAlgorithm { get; init; } = SdHashAlgorithm.Sha256;

    /// <summary>The salt source. Default: 128 bits from the CSPRNG.</summary>
    public ISaltGenerator SaltGenerator { get; init; } = RandomSaltGenerator.Instance;

    /// <summary>Further JWS header parameters (for example <c>x5c</c>).</summary>
    public IReadOnlyDictionary<string, JsonNode?>? ExtraHeaders { get; init; }
}
