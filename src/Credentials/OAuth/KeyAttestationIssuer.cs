using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;

namespace Credentials.OAuth;

/// <summary>
/// Signs key attestations (OpenID4VCI 1.0 appendix D.1, <c>typ</c> <c>key-attestation+jwt</c>): statements by the Wallet
/// Provider or the key storage component that the attested keys live in storage of the stated attack potential
/// resistance. The attester must have verified those properties, for example from platform key attestations, before
/// calling <see cref="IssueAsync"/>. Thread-safe.
/// </summary>
public sealed class KeyAttestationIssuer
{
    private readonly ISigner _signer;
    private readonly KeyAttestationIssuerOptions _options;
    private readonly Dictionary<string, JsonNode?>? _headers;

    /// <summary>Creates the issuer.</summary>
    /// <param name="signer">The attester's key.</param>
    /// <param name="options">Options; defaults when omitted.</param>
    /// <exception cref="ArgumentException">The lifetime is not positive, or the chain is empty.</exception>
    public KeyAttestationIssuer(ISigner signer, KeyAttestationIssuerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        _signer = signer;
        _options = options ?? new KeyAttestationIssuerOptions();
        if (_options.Lifetime <= TimeSpan.Zero || _options.TimeProvider is null)
        {
            throw new ArgumentException("KeyAttestationIssuerOptions.Lifetime must be positive and TimeProvider set.", nameof(options));
        }

        _headers = AttestationJwt.ChainHeader(_options.CertificateChain, nameof(options));
    }

    /// <summary>Signs a key attestation.</summary>
    /// <param name="request">What to attest.</param>
    /// <param name="cancellationToken">Cancels remote signing.</param>
    /// <returns>The compact JWT: the <c>key_attestation</c> header of a <c>jwt</c> proof, or the one <c>attestation</c> proof.</returns>
    /// <exception cref="ArgumentException">No attested key, a private key among them, an empty level list, or an expiry not after now.</exception>
    public async ValueTask<string> IssueAsync(KeyAttestationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.AttestedKeys is not { Count: > 0 })
        {
            throw new ArgumentException("At least one attested key is required.", nameof(request));
        }

        foreach (var key in request.AttestedKeys)
        {
            if (key is null || key.HasPrivateKey)
            {
                throw new ArgumentException("Attested keys must be public keys.", nameof(request));
            }
        }

        if (request.KeyStorage is { Count: 0 } || request.UserAuthentication is { Count: 0 })
        {
            throw new ArgumentException("key_storage and user_authentication must be non-empty when set (appendix D.1).", nameof(request));
        }

        var now = _options.TimeProvider.GetUtcNow();
        var expiresAt = request.ExpiresAt ?? now + _options.Lifetime;
        if (expiresAt <= now)
        {
            throw new ArgumentException("The expiry must be in the future.", nameof(request));
        }

        var payload = AttestationJwt.Write(w =>
        {
            w.WriteStartObject();
            if (_options.Issuer is not null)
            {
                w.WriteString("iss", _options.Issuer);
            }

            w.WriteNumber("iat", now.ToUnixTimeSeconds());
            w.WriteNumber("exp", expiresAt.ToUnixTimeSeconds());
            WriteArray(w, "key_storage", request.KeyStorage);
            WriteArray(w, "user_authentication", request.UserAuthentication);
            w.WriteStartArray("attested_keys");
            foreach (var key in request.AttestedKeys)
            {
                key.WriteTo(w);
            }

            w.WriteEndArray();
            if (request.Certification is not null)
            {
                w.WriteString("certification", request.Certification);
            }

            if (request.Nonce is not null)
            {
                w.WriteString("nonce", request.Nonce);
            }

            if (request.Status is not null)
            {
                w.WritePropertyName("status");
                request.Status.WriteTo(w);
            }

            w.WriteEndObject();
        });
        return await JwsWriter.SignCompactAsync(_signer, payload, KeyAttestation.Type, _headers, cancellationToken).ConfigureAwait(false);
    }

    private static void WriteArray(System.Text.Json.Utf8JsonWriter w, string name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }
}
