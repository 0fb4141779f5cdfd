using System.Collections.Generic;

namespace Credentials.OpenId4Vci;

/// <summary>The issuer's <c>credential_response_encryption</c> metadata (OpenID4VCI 1.0 section 12.2.4).</summary>
public sealed record CredentialResponseEncryptionMetadata
{
    /// <summary>The JWE <c>alg</c> values the issuer encrypts responses with (<c>alg_values_supported</c>), for example <c>ECDH-ES</c>.</summary>
    public required IReadOnlyList<string> AlgValuesSupported { get; init; }

    /// <summary>The JWE <c>enc</c> values (<c>enc_values_supported</c>), for example <c>A128GCM</c>.</summary>
    public required IReadOnlyList<string> EncValuesSupported { get; init; }

    /// <summary>The JWE <c>zip</c> values (<c>zip_values_supported</c>); <see langword="null"/> when compression is not supported.</summary>
    public IReadOnlyList<string>? ZipValuesSupported { get; init; }

    /// <summary>Whether every Credential Request must ask for an encrypted response (<c>encryption_required</c>).</summary>
    public required bool EncryptionRequired { get; init; }
}
