using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OpenId4Vp.Internal;

namespace Credentials.OpenId4Vp;

/// <summary>
/// The wallet's reading of an Authorization Request (OpenID4VP 1.0 sections 5 and 5.9–5.10): the link, the Request
/// Object (passed by value or fetched from <c>request_uri</c> by the caller), its <c>typ</c> and signature, and the
/// rules of the Client Identifier Prefix. Stateless and thread-safe; never throws for bad input.
/// </summary>
/// <remarks>
/// Supported prefixes: <c>redirect_uri</c> (unsigned requests only; the original Client Identifier must equal
/// <c>response_uri</c>), <c>decentralized_identifier</c> (signed requests only; the key is the DID document's
/// verification method named by <c>kid</c>, under <c>authentication</c> or <c>assertionMethod</c>), and
/// <c>x509_san_dns</c> and <c>x509_hash</c> (signed requests only; the key is the leaf of the <c>x5c</c> header, whose
/// chain must build to <see cref="OpenId4VpRequestReaderOptions.TrustAnchors"/> offline at the reader's time, or which
/// is pinned; for <c>x509_san_dns</c> the <c>response_uri</c> host must be the name). Anything else,
/// including pre-registered clients without a prefix, is <c>openid4vp.unsupported_client_id_prefix</c>.
/// </remarks>
public sealed class OpenId4VpRequestReader
{
    private readonly OpenId4VpRequestReaderOptions _options;

    /// <summary>Creates a reader.</summary>
    /// <param name="options">Options; <see cref="OpenId4VpRequestReaderOptions.Default"/> when <see langword="null"/>.</param>
    public OpenId4VpRequestReader(OpenId4VpRequestReaderOptions? options = null)
    {
        _options = options ?? OpenId4VpRequestReaderOptions.Default;
        ArgumentNullException.ThrowIfNull(_options.DidResolver, nameof(options));
        ArgumentNullException.ThrowIfNull(_options.TimeProvider, nameof(options));
    }

    /// <summary>
    /// Checks a link's shape before anything is fetched: <c>request</c> and <c>request_uri</c> not both,
    /// <c>request_uri_method</c> only with <c>request_uri</c> and only <c>get</c> or <c>post</c>, and a <c>client_id</c>
    /// next to a Request Object.
    /// </summary>
    /// <param name="link">The parsed link.</param>
    /// <returns><see langword="null"/> when the link may be processed.</returns>
    public static VerificationError? CheckLink(AuthorizationRequestLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (link.Request is not null && link.RequestUri is not null)
        {
            return new VerificationError(OpenId4VpErrors.InvalidRequest, "The link has both request and request_uri.");
        }

        if (link.RequestUriMethod is { } method)
        {
            if (link.RequestUri is null)
            {
                return new VerificationError(OpenId4VpErrors.InvalidRequest, "request_uri_method must not be present without request_uri.");
            }

            if (method is not (OpenId4VpConstants.RequestUriMethodGet or OpenId4VpConstants.RequestUriMethodPost))
            {
                return new VerificationError(OpenId4VpErrors.InvalidRequestUriMethod, "request_uri_method is neither 'get' nor 'post'.");
            }
        }

        if ((link.Request is not null || link.RequestUri is not null) && string.IsNullOrEmpty(link.ClientId))
        {
            return new VerificationError(OpenId4VpErrors.InvalidRequest, "A request passed as a Request Object needs client_id next to it.");
        }

        if (link.RequestUri is not null && (!Uri.TryCreate(link.RequestUri, UriKind.Absolute, out var requestUri) || !AuthorizationRequest.IsHttpScheme(requestUri)))
        {
            return new VerificationError(OpenId4VpErrors.InvalidRequest, "request_uri is not an absolute URI.");
        }

        return null;
    }

    /// <summary>
    /// The wallet metadata (OpenID4VP 1.0 section 10) a wallet POSTs as <c>wallet_metadata</c> to a Request URI with
    /// <c>request_uri_method=post</c> (section 5.10), from these options: <c>vp_formats_supported</c> (the
    /// <see cref="OpenId4VpRequestReaderOptions.SupportedFormats"/>), <c>client_id_prefixes_supported</c>,
    /// <c>request_object_signing_alg_values_supported</c> (the allowed algorithms), <c>response_types_supported</c>,
    /// <c>response_modes_supported</c> (only <c>direct_post.jwt</c> under HAIP), and the response encryption
    /// <c>authorization_encryption_alg_values_supported</c> (<c>ECDH-ES</c>) and
    /// <c>authorization_encryption_enc_values_supported</c>.
    /// </summary>
    /// <returns>The compact JSON object.</returns>
    public string CreateWalletMetadata()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, Credentials.Internal.SafeJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("vp_formats_supported");
            foreach (var format in _options.SupportedFormats)
            {
                writer.WriteStartObject(format);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            WriteStrings(writer, "client_id_prefixes_supported", _options.SupportedClientIdPrefixes);
            WriteStrings(writer, "request_object_signing_alg_values_supported", _options.AllowedAlgorithms.Select(a => a.Name));
            WriteStrings(writer, "response_types_supported", [OpenId4VpConstants.ResponseTypeVpToken]);
            WriteStrings(writer, "response_modes_supported", _options.RequireHaip
                ? [OpenId4VpConstants.ResponseModeDirectPostJwt]
                : [OpenId4VpConstants.ResponseModeDirectPost, OpenId4VpConstants.ResponseModeDirectPostJwt]);
            WriteStrings(writer, "authorization_encryption_alg_values_supported", ["ECDH-ES"]);
            WriteStrings(writer, "authorization_encryption_enc_values_supported", _options.EncryptionMethods);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    /// <summary>Reads and verifies a request.</summary>
    /// <param name="link">The parsed link.</param>
    /// <param name="fetchedRequestObject">For a link with <c>request_uri</c>: the body the caller fetched from it.</param>
    /// <param name="walletNonce">The <c>wallet_nonce</c> the caller sent with <c>request_uri_method=post</c>, if any.</param>
    /// <param name="cancellationToken">Cancels DID resolution.</param>
    /// <exception cref="ArgumentException">The link is by reference and <paramref name="fetchedRequestObject"/> is missing.</exception>
    public async ValueTask<VerificationResult<VerifiedAuthorizationRequest>> ReadAsync(
        AuthorizationRequestLink link, string? fetchedRequestObject = null, string? walletNonce = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (CheckLink(link) is { } linkError)
        {
            return linkError;
        }

        if (link.IsByReference && fetchedRequestObject is null)
        {
            throw new ArgumentException("Fetch the request_uri first and pass its body.", nameof(fetchedRequestObject));
        }

        var requestObject = link.Request ?? (link.IsByReference ? fetchedRequestObject : null);
        if (requestObject is null)
        {
            var plain = AuthorizationRequest.FromParameters(link.Parameters, _options.Dcql);
            return plain.IsValid ? await CheckPrefixAsync(plain.Value, null, cancellationToken).ConfigureAwait(false) : plain.Error;
        }

        var read = ReadRequestObject(requestObject);
        if (!read.IsValid)
        {
            return read.Error;
        }

        var (jws, payload) = read.Value;
        var request = AuthorizationRequest.FromRequestObjectPayload(payload, _options.Dcql);
        if (!request.IsValid)
        {
            return request.Error;
        }

        // Section 5.10.1: the client_id parameter and the Request Object's client_id MUST be identical, prefix included.
        if (!string.Equals(request.Value.ClientId, link.ClientId, StringComparison.Ordinal))
        {
            return new VerificationError(OpenId4VpErrors.ClientIdMismatch, "The Request Object's client_id differs from the request's.");
        }

        if (walletNonce is not null && !string.Equals(request.Value.WalletNonce, walletNonce, StringComparison.Ordinal))
        {
            return new VerificationError(OpenId4VpErrors.WalletNonceMismatch, "The Request Object does not carry the wallet_nonce the wallet sent.");
        }

        return await CheckPrefixAsync(request.Value, jws, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads and verifies a request received over the Digital Credentials API (OpenID4VP 1.0 Appendix A): the
    /// <c>protocol</c> and <c>data</c> of one entry of <c>navigator.credentials.get({digital: {requests}})</c>, with the
    /// calling Origin as the platform reported it. An unsigned request (<c>openid4vp-v1-unsigned</c>) is the parameters
    /// themselves, its <c>client_id</c> and <c>expected_origins</c> ignored; a signed one (<c>openid4vp-v1-signed</c>) is
    /// <c>{"request": "&lt;JWS&gt;"}</c>, verified under its Client Identifier Prefix, and the Origin must be one of its
    /// <c>expected_origins</c> (else <c>openid4vp.origin_mismatch</c>). For <c>dc_api.jwt</c> the encryption key and
    /// <c>enc</c> are chosen (section 8.3). Never throws for bad input.
    /// </summary>
    /// <param name="protocol">The request's <c>protocol</c>.</param>
    /// <param name="data">The request's <c>data</c> object.</param>
    /// <param name="origin">The Origin of the caller as the platform reported it (for example <c>https://verifier.example.jp</c>).</param>
    /// <param name="cancellationToken">Cancels DID resolution.</param>
    /// <exception cref="ArgumentException"><paramref name="origin"/> is empty.</exception>
    public async ValueTask<VerificationResult<DigitalCredentialsApiRequest>> ReadDigitalCredentialsApiAsync(string protocol, JsonElement data, string origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentException.ThrowIfNullOrEmpty(origin);
        if (data.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(OpenId4VpErrors.UnsupportedProtocol, "The request data is not a JSON object.");
        }

        var signed = protocol switch
        {
            OpenId4VpConstants.DcApiProtocolUnsigned => false,
            OpenId4VpConstants.DcApiProtocolSigned => true,
            _ => (bool?)null,
        };
        if (signed is null)
        {
            return new VerificationError(OpenId4VpErrors.UnsupportedProtocol, "The protocol is neither openid4vp-v1-unsigned nor openid4vp-v1-signed.");
        }

        var hasRequest = data.TryGetProperty(RequestParameterNames.Request, out var requestElement);
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        Jws? jws = null;
        if (signed == false)
        {
            if (hasRequest)
            {
                return new VerificationError(OpenId4VpErrors.UnsupportedProtocol, "An unsigned request carries a Request Object.");
            }

            foreach (var member in data.EnumerateObject())
            {
                members[member.Name] = member.Value;
            }
        }
        else
        {
            // Appendix A.3.2.1: the signed request is the value of the request member of data.
            if (!hasRequest || requestElement.ValueKind != JsonValueKind.String || requestElement.GetString() is not { Length: > 0 } compact)
            {
                return new VerificationError(OpenId4VpErrors.UnsupportedProtocol, "A signed request's data has no request string.");
            }

            var read = ReadRequestObject(compact);
            if (!read.IsValid)
            {
                return read.Error;
            }

            jws = read.Value.Jws;
            foreach (var member in read.Value.Payload.EnumerateObject())
            {
                members[member.Name] = member.Value;
            }
        }

        var request = DigitalCredentialsApiRequest.Read(members, protocol, origin, signed.Value, _options.Dcql);
        if (!request.IsValid)
        {
            return request.Error;
        }

        var verified = request.Value;
        if (jws is not null)
        {
            var client = ClientIdentifier.TryParse(verified.ClientId)!;
            if (client.Prefix == ClientIdPrefixes.RedirectUri)
            {
                // Section 5.9.3: redirect_uri requests cannot be signed (and there is no redirect over the API).
                return new VerificationError(OpenId4VpErrors.InvalidClientId, "A redirect_uri client cannot send a signed Request Object.");
            }

            if (client.Prefix is not (ClientIdPrefixes.DecentralizedIdentifier or ClientIdPrefixes.X509SanDns or ClientIdPrefixes.X509Hash)
                || !_options.SupportedClientIdPrefixes.Contains(client.Prefix, StringComparer.Ordinal))
            {
                return new VerificationError(OpenId4VpErrors.UnsupportedClientIdPrefix, "The client_id has no Client Identifier Prefix this wallet supports.");
            }

            if (_options.RequireHaip && client.Prefix == ClientIdPrefixes.DecentralizedIdentifier)
            {
                return new VerificationError(OpenId4VpErrors.HaipViolation, "HAIP requires an x509_hash or x509_san_dns client for signed requests.");
            }

            if (client.Prefix == ClientIdPrefixes.DecentralizedIdentifier)
            {
                var key = await VerifyDidSignatureAsync(client, jws, cancellationToken).ConfigureAwait(false);
                if (!key.IsValid)
                {
                    return key.Error;
                }

                verified = verified with { ClientKey = key.Value, ClientKeyId = jws.KeyId };
            }
            else
            {
                // Section 5.9.3: over the DC API the x509_san_dns name need not match a redirect or response URI.
                var x509 = X509ClientAuthentication.Verify(client, jws, _options);
                if (!x509.IsValid)
                {
                    return x509.Error;
                }

                verified = verified with { ClientKey = x509.Value.Key, ClientKeyId = jws.KeyId, ClientCertificate = x509.Value.Leaf };
            }
        }

        if (_options.RequireHaip && verified.ResponseMode != OpenId4VpConstants.ResponseModeDcApiJwt)
        {
            return new VerificationError(OpenId4VpErrors.HaipViolation, "HAIP requires an encrypted response (dc_api.jwt).");
        }

        if (CheckFormats(verified.ClientMetadata, verified.DcqlQuery) is { } formats)
        {
            return formats;
        }

        if (verified.ResponseMode == OpenId4VpConstants.ResponseModeDcApiJwt)
        {
            if (ResponseEncryption.Select(verified.ClientMetadata, _options.EncryptionMethods, out var encryptionKey, out var enc) is { } encryptionError)
            {
                return encryptionError;
            }

            verified = verified with { EncryptionKey = encryptionKey, EncryptionMethod = enc };
        }

        return verified;
    }

    private VerificationResult<(Jws Jws, JsonElement Payload)> ReadRequestObject(string requestObject)
    {
        var jws = Jws.ReadCompact(requestObject.Trim(), _options.Jws);
        if (!jws.IsValid)
        {
            return new VerificationError(OpenId4VpErrors.InvalidRequestObject, "The Request Object is not a compact JWS.") { Inner = jws.Error };
        }

        // Section 5: Wallets MUST NOT process Request Objects without typ oauth-authz-req+jwt.
        if (!string.Equals(jws.Value.Type, OpenId4VpConstants.RequestObjectType, StringComparison.Ordinal))
        {
            return new VerificationError(OpenId4VpErrors.InvalidRequestObject, "The Request Object's typ is not 'oauth-authz-req+jwt'.");
        }

        var payload = jws.Value.ParsePayload(_options.Jws);
        if (!payload.IsValid)
        {
            return new VerificationError(OpenId4VpErrors.InvalidRequestObject, "The Request Object payload is not a JSON object.") { Inner = payload.Error };
        }

        if (payload.Value.TryGetProperty("exp", out var exp))
        {
            if (exp.ValueKind != JsonValueKind.Number || !exp.TryGetInt64(out var seconds))
            {
                return new VerificationError(OpenId4VpErrors.InvalidRequestObject, "The Request Object's exp is not a number.");
            }

            if (DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, -62135596800L, 253402300799L)) + _options.ClockSkew <= _options.TimeProvider.GetUtcNow())
            {
                return new VerificationError(OpenId4VpErrors.RequestObjectExpired, "The Request Object has expired.");
            }
        }

        return (jws.Value, payload.Value);
    }

    private async ValueTask<VerificationResult<VerifiedAuthorizationRequest>> CheckPrefixAsync(AuthorizationRequest request, Jws? signed, CancellationToken cancellationToken)
    {
        var client = request.ClientIdentifier;
        if (client.Prefix is null || client.Prefix == ClientIdPrefixes.Origin || !_options.SupportedClientIdPrefixes.Contains(client.Prefix, StringComparer.Ordinal))
        {
            return new VerificationError(OpenId4VpErrors.UnsupportedClientIdPrefix, "The client_id has no Client Identifier Prefix this wallet supports.");
        }

        if (_options.RequireHaip)
        {
            // HAIP 1.0: signed requests of an x509 client, answered with an encrypted response.
            if (signed is null || client.Prefix is not (ClientIdPrefixes.X509Hash or ClientIdPrefixes.X509SanDns))
            {
                return new VerificationError(OpenId4VpErrors.HaipViolation, "HAIP requires a signed request from an x509_hash or x509_san_dns client.");
            }

            if (request.ResponseMode != OpenId4VpConstants.ResponseModeDirectPostJwt)
            {
                return new VerificationError(OpenId4VpErrors.HaipViolation, "HAIP requires response_mode direct_post.jwt.");
            }
        }

        var verified = new VerifiedAuthorizationRequest { Request = request, IsSigned = signed is not null };
        switch (client.Prefix)
        {
            case ClientIdPrefixes.X509SanDns or ClientIdPrefixes.X509Hash:
                // Section 5.9.3: such requests MUST be signed with the leaf certificate's key, its chain trusted.
                if (signed is null)
                {
                    return new VerificationError(OpenId4VpErrors.UnsignedRequest, "An x509 client must send a signed Request Object.");
                }

                var x509 = X509ClientAuthentication.Verify(client, signed, _options);
                if (!x509.IsValid)
                {
                    return x509.Error;
                }

                // Section 5.9.3: without other trust in the Client Identifier, the FQDN of the URI the response goes
                // to MUST be the x509_san_dns name (the response_uri for direct_post).
                if (client.Prefix == ClientIdPrefixes.X509SanDns
                    && (!Uri.TryCreate(request.ResponseUri, UriKind.Absolute, out var target) || !string.Equals(target.IdnHost, client.OriginalClientId, StringComparison.OrdinalIgnoreCase)))
                {
                    x509.Value.Leaf.Dispose();
                    return new VerificationError(OpenId4VpErrors.InvalidClientId, "The response_uri host is not the x509_san_dns name.");
                }

                verified = verified with { ClientKey = x509.Value.Key, ClientKeyId = signed.KeyId, ClientCertificate = x509.Value.Leaf };
                break;
            case ClientIdPrefixes.RedirectUri:
                // Section 5.9.3: such requests cannot be signed, and the original Client Identifier is the Response URI.
                if (signed is not null)
                {
                    return new VerificationError(OpenId4VpErrors.InvalidClientId, "A redirect_uri client cannot send a signed Request Object.");
                }

                if (!string.Equals(client.OriginalClientId, request.ResponseUri, StringComparison.Ordinal))
                {
                    return new VerificationError(OpenId4VpErrors.InvalidClientId, "The redirect_uri client_id does not equal response_uri.");
                }

                break;
            case ClientIdPrefixes.DecentralizedIdentifier:
                if (signed is null)
                {
                    return new VerificationError(OpenId4VpErrors.UnsignedRequest, "A decentralized_identifier client must send a signed Request Object.");
                }

                var key = await VerifyDidSignatureAsync(client, signed, cancellationToken).ConfigureAwait(false);
                if (!key.IsValid)
                {
                    return key.Error;
                }

                verified = verified with { ClientKey = key.Value, ClientKeyId = signed.KeyId };
                break;
            default:
                return new VerificationError(OpenId4VpErrors.UnsupportedClientIdPrefix, "The client_id has no Client Identifier Prefix this wallet supports.");
        }

        if (!Uri.TryCreate(request.ResponseUri, UriKind.Absolute, out var responseUri)
            || !(responseUri.Scheme == Uri.UriSchemeHttps || (_options.AllowHttpResponseUri && responseUri.Scheme == Uri.UriSchemeHttp)))
        {
            return new VerificationError(OpenId4VpErrors.InsecureResponseUri, "response_uri is not an https URI.");
        }

        if (CheckFormats(request.ClientMetadata, request.DcqlQuery) is { } formats)
        {
            return formats;
        }

        if (request.ResponseMode == OpenId4VpConstants.ResponseModeDirectPostJwt)
        {
            if (ResponseEncryption.Select(request.ClientMetadata, _options.EncryptionMethods, out var encryptionKey, out var enc) is { } encryptionError)
            {
                return encryptionError;
            }

            verified = verified with { EncryptionKey = encryptionKey, EncryptionMethod = enc };
        }

        return verified;
    }

    private VerificationError? CheckFormats(JsonElement? clientMetadata, Dcql.DcqlQuery query)
    {
        if (clientMetadata is { } metadata && metadata.TryGetProperty("vp_formats_supported", out var formats))
        {
            if (formats.ValueKind != JsonValueKind.Object)
            {
                return new VerificationError(OpenId4VpErrors.InvalidRequest, "client_metadata.vp_formats_supported is not an object.");
            }

            if (!formats.EnumerateObject().Any(f => _options.SupportedFormats.Contains(f.Name, StringComparer.Ordinal)))
            {
                return new VerificationError(OpenId4VpErrors.VpFormatsNotSupported, "The verifier supports none of the wallet's formats.");
            }
        }

        if (!query.Credentials.Any(c => _options.SupportedFormats.Contains(c.Format, StringComparer.Ordinal)))
        {
            return new VerificationError(OpenId4VpErrors.VpFormatsNotSupported, "The query asks for no format the wallet supports.");
        }

        return null;
    }

    private async ValueTask<VerificationResult<Jwk>> VerifyDidSignatureAsync(ClientIdentifier client, Jws signed, CancellationToken cancellationToken)
    {
        if (!Did.TryParse(client.OriginalClientId, out var did))
        {
            return new VerificationError(OpenId4VpErrors.InvalidClientId, "The decentralized_identifier client_id is not a DID.");
        }

        // Section 5.9.3: the key MUST be identified by the kid, and it must be a key of the client's own DID.
        if (!DidUrl.TryResolveReference(signed.KeyId, did, out var url) || url.Did != did)
        {
            return new VerificationError(OpenId4VpErrors.ClientKeyUnresolved, "The Request Object's kid does not name a key of the client's DID.");
        }

        var method = await _options.DidResolver.DereferenceAsync(url, VerificationRelationship.Authentication, cancellationToken).ConfigureAwait(false);
        if (!method.IsValid && method.Error.Code == DidErrors.KeyNotAuthorized)
        {
            method = await _options.DidResolver.DereferenceAsync(url, VerificationRelationship.AssertionMethod, cancellationToken).ConfigureAwait(false);
        }

        if (!method.IsValid)
        {
            return new VerificationError(OpenId4VpErrors.ClientKeyUnresolved, "The client's key could not be resolved from its DID.") { Inner = method.Error };
        }

        var key = VerificationKey.FromJwk(method.Value.PublicKey);
        if (!key.IsValid)
        {
            return new VerificationError(OpenId4VpErrors.ClientKeyUnresolved, "The client's DID key is not usable.") { Inner = key.Error };
        }

        using var verificationKey = key.Value;
        if (signed.VerifySignature(verificationKey, _options.AllowedAlgorithms) is { } signatureError)
        {
            return new VerificationError(OpenId4VpErrors.InvalidRequestSignature, "The Request Object's signature does not verify with the client's key.") { Inner = signatureError };
        }

        return method.Value.PublicKey;
    }


}
