using System;
using System.Buffers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Internal;
using Credentials.Jose;
using Credentials.Keys;

namespace Credentials.W3c.OpenBadges;

/// <summary>
/// Secures Open Badges 3.0 credentials with the JSON Web Token proof format (section 8.2): a compact JWS whose header
/// has <c>alg</c>, <c>typ</c> <c>JWT</c> and the key (<c>kid</c> or <c>jwk</c>), and whose payload is the credential's
/// members with the registered claims <c>iss</c> (<c>issuer.id</c>), <c>jti</c> (<c>id</c>), <c>sub</c>
/// (<c>credentialSubject.id</c>), <c>nbf</c> (<c>validFrom</c>) and <c>exp</c> (<c>validUntil</c>). Stateless and
/// thread-safe.
/// </summary>
/// <remarks>
/// Issuing signs with the signer's algorithm: <c>EdDSA</c>, <c>ES256</c> or <c>ES384</c>. RSA is deliberately not
/// offered for issuing: <see cref="OpenBadgeJwtVerifier"/> verifies <c>RS256</c>, which the format requires verifiers
/// to support, and the library signs nothing with RSA. Verifiers that accept only <c>RS256</c> cannot verify these
/// tokens.
/// </remarks>
public sealed class OpenBadgeJwtIssuer
{
    private static readonly string[] s_registeredClaims = ["iss", "jti", "sub", "nbf", "exp"];

    private readonly ISigner _signer;
    private readonly OpenBadgeJwtIssuerOptions _options;
    private readonly byte[] _header;
    private readonly VerificationKey? _publicKey;

    /// <summary>Creates an issuer.</summary>
    /// <param name="signer">The issuer's signer; its <see cref="ISigner.KeyId"/> becomes the <c>kid</c>.</param>
    /// <param name="options">The key in the header and the accepted extension members; <see cref="OpenBadgeJwtIssuerOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">
    /// The options are invalid, the header would name no key (no <see cref="OpenBadgeJwtIssuerOptions.PublicKey"/> and a
    /// signer without <see cref="ISigner.KeyId"/>), or the public key does not fit the signer's algorithm.
    /// </exception>
    public OpenBadgeJwtIssuer(ISigner signer, OpenBadgeJwtIssuerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        options ??= OpenBadgeJwtIssuerOptions.Default;
        options.Validate(nameof(options));
        if (options.PublicKey is null && string.IsNullOrEmpty(signer.KeyId))
        {
            // Section 8.2.3: without kid, the header MUST carry the public key as jwk.
            throw new ArgumentException("The header needs 'kid' (the signer's KeyId) or 'jwk' (options.PublicKey).", nameof(signer));
        }

        if (options.PublicKey is { } publicKey)
        {
            if (!publicKey.PermitsVerification(signer.Algorithm) || publicKey.Kty != signer.Algorithm.KeyType || !signer.Algorithm.IsCompatibleWithCurve(publicKey.Crv))
            {
                throw new ArgumentException("The public key does not fit the signer's algorithm.", nameof(options));
            }

            _publicKey = VerificationKey.Create(publicKey);
        }

        _signer = signer;
        _options = options;
        _header = EncodeHeader(signer, options.PublicKey);
    }

    /// <summary>Signs a credential.</summary>
    /// <param name="credential">The credential (built, or read). It needs <c>id</c> and <c>validFrom</c>, which become <c>jti</c> and <c>nbf</c>.</param>
    /// <param name="cancellationToken">Cancels remote signing.</param>
    /// <returns>The compact JWS.</returns>
    /// <exception cref="ArgumentException">
    /// The credential violates an issuance rule (<see cref="W3cCredential.ValidateForIssuance"/>), lacks <c>id</c> or
    /// <c>validFrom</c>, has several subjects with different ids, or already has a member named like a registered claim
    /// (<c>iss</c>, <c>jti</c>, <c>sub</c>, <c>nbf</c>, <c>exp</c>) or <c>vc</c>.
    /// </exception>
    /// <exception cref="InvalidOperationException">The signature does not verify with <see cref="OpenBadgeJwtIssuerOptions.PublicKey"/>: it is not the signer's key.</exception>
    public async ValueTask<string> IssueAsync(W3cCredential credential, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var payload = BuildPayload(credential, _options.Issuance);
        var token = await JwsWriter.SignCompactAsync(_signer, _header, payload, cancellationToken).ConfigureAwait(false);
        if (_publicKey is not null)
        {
            // A header key that is not the signer's would make every token fail: caught here, once per token.
            var jws = Jws.ReadCompact(token);
            if (!jws.IsValid || jws.Value.VerifySignature(_publicKey, [_signer.Algorithm]) is not null)
            {
                throw new InvalidOperationException("The signature does not verify with the header's public key: it is not the signer's key.");
            }
        }

        return token;
    }

    /// <summary>Section 8.2.4: the credential's members, then the registered claims that stand for them.</summary>
    internal static byte[] BuildPayload(W3cCredential credential, W3cIssuanceOptions issuance)
    {
        var error = credential.ValidateForIssuance(issuance);
        if (error is not null)
        {
            throw new ArgumentException($"The credential cannot be issued: {error}", nameof(credential));
        }

        foreach (var name in (ReadOnlySpan<string>)[.. s_registeredClaims, "vc"])
        {
            if (credential.Json.TryGetProperty(name, out _))
            {
                throw new ArgumentException($"The credential already has a member '{name}', which the JWT form reserves.", nameof(credential));
            }
        }

        if (credential.Id is null || credential.ValidFrom is null)
        {
            throw new ArgumentException("The credential needs 'id' and 'validFrom' (section 8.2.4.1: jti and nbf are required).", nameof(credential));
        }

        string? subject = null;
        foreach (var s in credential.CredentialSubjects)
        {
            if (s.Id is { } id)
            {
                if (subject is not null && !string.Equals(subject, id, StringComparison.Ordinal))
                {
                    throw new ArgumentException("The credential has subjects with different ids; 'sub' can name one only.", nameof(credential));
                }

                subject = id;
            }
        }

        var buffer = new ArrayBufferWriter<byte>(credential.RawUtf8.Length + 256);
        using (var writer = new Utf8JsonWriter(buffer, SafeJson.WriterOptions with { MaxDepth = 256 }))
        {
            writer.WriteStartObject();
            foreach (var member in credential.Json.EnumerateObject())
            {
                member.WriteTo(writer);
            }

            writer.WriteString("iss", credential.Issuer.Id);
            writer.WriteString("jti", credential.Id);
            if (subject is not null)
            {
                writer.WriteString("sub", subject);
            }

            WriteNumericDate(writer, "nbf", credential.ValidFrom.Value);
            if (credential.ValidUntil is { } until)
            {
                WriteNumericDate(writer, "exp", until);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    // RFC 7519 section 2: seconds since the epoch; a fraction is kept, so the claim equals the date it stands for.
    private static void WriteNumericDate(Utf8JsonWriter writer, string name, DateTimeOffset date)
    {
        var milliseconds = date.ToUnixTimeMilliseconds();
        if (milliseconds % 1000 == 0)
        {
            writer.WriteNumber(name, milliseconds / 1000);
        }
        else
        {
            writer.WriteNumber(name, milliseconds / 1000m);
        }
    }

    private static byte[] EncodeHeader(ISigner signer, Jwk? publicKey)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("alg", signer.Algorithm.Name);
            writer.WriteString("typ", "JWT");
            if (!string.IsNullOrEmpty(signer.KeyId))
            {
                writer.WriteString("kid", signer.KeyId);
            }

            if (publicKey is not null)
            {
                writer.WritePropertyName("jwk");
                publicKey.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
