using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Internal;
using Credentials.Keys;
using Credentials.OpenId4Vp.Internal;

namespace Credentials.OpenId4Vp;

public sealed partial class OpenId4VpVerifier
{
    /// <summary>The longest <c>wallet_metadata</c> accepted from a wallet's Request URI POST, in characters.</summary>
    public const int MaxWalletMetadataLength = 16 * 1024;

    private IReadOnlyList<VerifierInfo>? VerifierInfoOrNull => _options.VerifierInfo.Count == 0 ? null : _options.VerifierInfo;

    /// <summary>
    /// The signed Request Object for a Request URI the wallet POSTed to (section 5.10): the <c>wallet_nonce</c> is echoed
    /// and the request is tailored to the <c>wallet_metadata</c> (section 10): <c>client_metadata.vp_formats_supported</c>
    /// keeps the formats the wallet supports and <c>encrypted_response_enc_values_supported</c> the <c>enc</c> values it
    /// supports. A wallet that supports none of this verifier's formats, not its Client Identifier Prefix, not its request
    /// signing algorithm, or not the <c>ECDH-ES</c> response encryption it requires is <c>openid4vp.wallet_unsupported</c>;
    /// metadata that is not a JSON object of at most <see cref="MaxWalletMetadataLength"/> characters with well-typed
    /// known members is <c>openid4vp.invalid_wallet_metadata</c>. Unknown members are ignored.
    /// </summary>
    /// <param name="requestId">The last path segment of the <c>request_uri</c> (the request's <c>state</c>).</param>
    /// <param name="walletNonce">The wallet's <c>wallet_nonce</c>, or <see langword="null"/>.</param>
    /// <param name="walletMetadata">The wallet's <c>wallet_metadata</c> JSON text, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels signing.</param>
    public async ValueTask<VerificationResult<string>> GetRequestObjectForPostAsync(string requestId, string? walletNonce, string? walletMetadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        if (_options.RequestSigner is null)
        {
            throw new InvalidOperationException("This verifier's requests are unsigned; they cannot be served by reference.");
        }

        var now = _options.TimeProvider.GetUtcNow();
        var record = requestId.Length == 0 ? null : await FindPendingAsync(requestId, now, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return new VerificationError(OpenId4VpErrors.UnknownState, "No pending request has this id.");
        }

        if (walletNonce is not null && !AuthorizationRequest.IsUrlSafe(walletNonce))
        {
            return new VerificationError(OpenId4VpErrors.InvalidRequest, "wallet_nonce has characters other than ASCII URL-safe ones.");
        }

        var request = ToRequest(record) with { WalletNonce = walletNonce, VerifierInfo = VerifierInfoOrNull };
        if (walletMetadata is not null)
        {
            var tailored = Tailor(request.ClientMetadata, walletMetadata, record.EncryptionKey is not null);
            if (!tailored.IsValid)
            {
                return tailored.Error;
            }

            request = request with { ClientMetadata = tailored.Value };
        }

        return await SignAsync(request, now, record.RequestExpiresAt, cancellationToken).ConfigureAwait(false);
    }

    private VerificationResult<JsonElement?> Tailor(JsonElement? clientMetadata, string walletMetadata, bool encrypted)
    {
        if (walletMetadata.Length > MaxWalletMetadataLength)
        {
            return new VerificationError(OpenId4VpErrors.InvalidWalletMetadata, "wallet_metadata is too long.");
        }

        using var document = SafeJson.TryParse(walletMetadata, 16);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(OpenId4VpErrors.InvalidWalletMetadata, "wallet_metadata is not a JSON object.");
        }

        var wallet = document.RootElement;
        if (!TryStrings(wallet, "client_id_prefixes_supported", out var prefixes)
            || !TryStrings(wallet, "request_object_signing_alg_values_supported", out var algorithms)
            || !TryStrings(wallet, "authorization_encryption_alg_values_supported", out var encryptionAlgorithms)
            || !TryStrings(wallet, "authorization_encryption_enc_values_supported", out var encValues)
            || (wallet.TryGetProperty("vp_formats_supported", out var walletFormats) && walletFormats.ValueKind != JsonValueKind.Object))
        {
            return new VerificationError(OpenId4VpErrors.InvalidWalletMetadata, "A wallet_metadata member has the wrong type.");
        }

        // Section 10: without client_id_prefixes_supported the wallet supports pre-registered clients only.
        if (!(prefixes ?? ["pre-registered"]).Contains(_clientId.Prefix!, StringComparer.Ordinal))
        {
            return new VerificationError(OpenId4VpErrors.WalletUnsupported, "The wallet does not support this verifier's Client Identifier Prefix.");
        }

        if (algorithms is not null && !algorithms.Contains(_options.RequestSigner!.Algorithm.Name, StringComparer.Ordinal))
        {
            return new VerificationError(OpenId4VpErrors.WalletUnsupported, "The wallet does not support this verifier's request signing algorithm.");
        }

        if (encrypted && encryptionAlgorithms is not null && !encryptionAlgorithms.Contains("ECDH-ES", StringComparer.Ordinal))
        {
            return new VerificationError(OpenId4VpErrors.WalletUnsupported, "The wallet does not support ECDH-ES response encryption.");
        }

        if (clientMetadata is not { ValueKind: JsonValueKind.Object } metadata)
        {
            return clientMetadata;
        }

        var tailored = JsonNode.Parse(metadata.GetRawText())!.AsObject();
        if (walletFormats.ValueKind == JsonValueKind.Object && tailored["vp_formats_supported"] is JsonObject formats)
        {
            foreach (var name in formats.Select(f => f.Key).ToList())
            {
                if (!walletFormats.TryGetProperty(name, out _))
                {
                    formats.Remove(name);
                }
            }

            if (formats.Count == 0)
            {
                return new VerificationError(OpenId4VpErrors.WalletUnsupported, "The wallet supports none of this verifier's formats.");
            }
        }

        if (encrypted && encValues is not null && tailored[RequestParameterNames.EncryptedResponseEncValuesSupported] is JsonArray offered)
        {
            var kept = offered.Select(v => v?.GetValue<string>()).Where(v => v is not null && encValues.Contains(v, StringComparer.Ordinal)).ToList();
            if (kept.Count == 0)
            {
                return new VerificationError(OpenId4VpErrors.WalletUnsupported, "The wallet supports none of this verifier's response encryption methods.");
            }

            tailored[RequestParameterNames.EncryptedResponseEncValuesSupported] = new JsonArray(kept.Select(v => (JsonNode)JsonValue.Create(v!)).ToArray());
        }

        using var result = JsonDocument.Parse(tailored.ToJsonString());
        return (JsonElement?)result.RootElement.Clone();
    }

    private static bool TryStrings(JsonElement parent, string name, out List<string>? values)
    {
        values = null;
        if (!parent.TryGetProperty(name, out var element))
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() > 64)
        {
            return false;
        }

        values = [];
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            values.Add(item.GetString()!);
        }

        return true;
    }

    /// <summary>
    /// Checks an <c>x509_san_dns</c>/<c>x509_hash</c> configuration (section 5.9.3) and returns the <c>x5c</c> header:
    /// a signer, a chain whose leaf is not a CA, names the DNS name or has the hash, and certifies the signer's key.
    /// </summary>
    private static JsonArray CheckCertificateChain(ClientIdentifier clientId, OpenId4VpVerifierOptions options)
    {
        if (options.RequestSigner is null)
        {
            throw new InvalidOperationException("An x509_san_dns or x509_hash client needs RequestSigner.");
        }

        ArgumentNullException.ThrowIfNull(options.RequestCertificateChain, nameof(options));
        if (options.RequestCertificateChain.Count == 0)
        {
            throw new InvalidOperationException("An x509_san_dns or x509_hash client needs RequestCertificateChain (leaf first).");
        }

        var leaf = options.RequestCertificateChain[0];
        if (clientId.Prefix == ClientIdPrefixes.X509SanDns && !X509ClientAuthentication.HasDnsName(leaf, clientId.OriginalClientId))
        {
            throw new InvalidOperationException("The leaf certificate has no dNSName SAN equal to the x509_san_dns ClientId.");
        }

        if (clientId.Prefix == ClientIdPrefixes.X509Hash && X509ClientAuthentication.Hash(leaf) != clientId.OriginalClientId)
        {
            throw new InvalidOperationException("The x509_hash ClientId is not the hash of the leaf certificate.");
        }

        if (options.RequestSigner is SigningKey key)
        {
            var certified = X509PublicKeys.TryGetEcJwk(leaf) ?? X509PublicKeys.TryGetEd25519Jwk(leaf);
            var own = key.PublicJwk;
            if (certified is null || certified.Kty != own.Kty || certified.Crv != own.Crv || certified.X != own.X || certified.Y != own.Y)
            {
                throw new InvalidOperationException("The leaf certificate does not certify RequestSigner's key.");
            }
        }

        var x5c = new JsonArray();
        foreach (var certificate in options.RequestCertificateChain)
        {
            ArgumentNullException.ThrowIfNull(certificate, nameof(options));
            // RFC 7515 section 4.1.6: base64 (not base64url) DER, leaf first.
            x5c.Add((JsonNode)JsonValue.Create(Convert.ToBase64String(certificate.RawData)));
        }

        return x5c;
    }
}
