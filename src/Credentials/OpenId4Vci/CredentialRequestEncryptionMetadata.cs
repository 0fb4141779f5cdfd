using System.Collections.Generic;
using Credentials.Keys;

namespace Credentials.OpenId4Vci;

/// <summary>The issuer's <c>credential_request_encryption</c> metadata (OpenID4VCI 1.0 section 12.2.4).</summary>
public sealed record CredentialRequestEncryptionMetadata
{
    /// <summary>The issuer's public key agreement keys (<c>jwks.keys</c>), each with a unique <c>kid</c>.</summary>
    public required IReadOnlyList<Jwk> Keys { get; init; }

    /// <summary>The JWE <c>enc</c> values the issuer decrypts requests with (<c>enc_values_supported</c>).</summary>
    public required IReadOnlyList<string> EncValuesSupported { get; init; }

    /// <summary>The JWE <c>zip</c> values (<c>zip_values_supported</c>); <see langword="null"/> when compression is not supported.</summary>
    public IReadOnlyList<string>? ZipValuesSupported { get; init; }

    /// <summary>Whether every (Deferred) Credential Request must be encrypted (<c>encryption_required</c>).</summary>
    public required bool EncryptionRequired { get; init; }
}
