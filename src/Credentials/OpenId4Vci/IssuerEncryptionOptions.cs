using System;
using System.Collections.Generic;
using Credentials.Jose;
using Credentials.Keys;

namespace Credentials.OpenId4Vci;

/// <summary>
/// Application-layer encryption of Credential and Deferred Credential Requests and Responses (OpenID4VCI 1.0 section
/// 10): responses are JWEs with <c>ECDH-ES</c> to the Wallet's key (<c>credential_response_encryption</c>), requests
/// JWEs to one of <see cref="RequestDecryptionKeys"/> (<c>credential_request_encryption</c>). Compression (<c>zip</c>) is
/// not supported in either direction.
/// </summary>
public sealed record IssuerEncryptionOptions
{
    /// <summary>The content encryption algorithms of responses (<c>enc_values_supported</c>). Default A128GCM, A256GCM.</summary>
    public IReadOnlyList<JweEncryption> ResponseEncryptions { get; init; } = JweEncryption.DefaultAllowed;

    /// <summary>Whether every Credential Request must ask for an encrypted response (<c>encryption_required</c>). Default <see langword="false"/>.</summary>
    public bool ResponseEncryptionRequired { get; init; }

    /// <summary>
    /// The issuer's EC key agreement keys for encrypted requests, each with a unique key id (published in
    /// <c>credential_request_encryption.jwks</c>). Empty (the default) disables encrypted requests. The caller owns and
    /// disposes the keys. When set, a request that asks for an encrypted response must itself be encrypted (section 8.2:
    /// so that the Wallet's key cannot be substituted).
    /// </summary>
    public IReadOnlyList<KeyAgreementKey> RequestDecryptionKeys { get; init; } = [];

    /// <summary>The content encryption algorithms accepted for requests. Default A128GCM, A256GCM.</summary>
    public IReadOnlyList<JweEncryption> RequestEncryptions { get; init; } = JweEncryption.DefaultAllowed;

    /// <summary>Whether every (Deferred) Credential Request must be encrypted (needs <see cref="RequestDecryptionKeys"/>). Default <see langword="false"/>.</summary>
    public bool RequestEncryptionRequired { get; init; }
}
