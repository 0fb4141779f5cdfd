using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Credentials.Keys;
using Credentials.OpenId4Vci;

namespace Credentials.Wallet.OpenId4Vci;

/// <summary>
/// What a wallet keeps between pushing an Authorization Request and the browser's return to the redirect URI: the
/// resolved offer, the PKCE <c>code_verifier</c>, the <c>state</c>, and the DPoP key of this issuer session. Made by
/// <see cref="OpenId4VciClient.StartAuthorizationAsync"/>; completed by
/// <see cref="OpenId4VciClient.CompleteAuthorizationAsync"/>.
/// </summary>
/// <remarks>
/// <para>A process that waits for the redirect keeps the instance; an app that may be stopped meanwhile (a mobile app
/// handing over to the browser) persists <see cref="ToJson"/> and resumes with <see cref="Read(string)"/>.</para>
/// <para>The JSON holds secrets (the PKCE verifier and the DPoP private key): store it encrypted (for example in the
/// wallet file), delete it once the flow ends, and never log it. <see cref="ToString"/> shows none of them.</para>
/// </remarks>
public sealed record AuthorizationCodeSession
{
    private const int Version = 1;

    /// <summary>The largest persisted session <see cref="Read(string)"/> accepts (512 KiB; the metadata dominates).</summary>
    public const int MaxLength = 512 * 1024;

    /// <summary>The offer (or, wallet-initiated, the issuer and the configurations asked for) with both metadata documents.</summary>
    public required ResolvedCredentialOffer Offer { get; init; }

    /// <summary>The configurations the authorization was requested for.</summary>
    public required IReadOnlyList<string> CredentialConfigurationIds { get; init; }

    /// <summary>The <c>client_id</c> the requests were sent with.</summary>
    public required string ClientId { get; init; }

    /// <summary>The <c>redirect_uri</c> the browser comes back to.</summary>
    public required Uri RedirectUri { get; init; }

    /// <summary>The URL to open in the browser: the authorization endpoint with <c>client_id</c> and <c>request_uri</c> only (RFC 9126 section 4).</summary>
    public required Uri AuthorizationUrl { get; init; }

    /// <summary>When the pushed request (<c>request_uri</c>) expires; the browser must reach the authorization endpoint before.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The <c>state</c> sent (RFC 6749 section 10.12); compared in constant time with the response's.</summary>
    internal string State { get; init; } = string.Empty;

    /// <summary>The PKCE <c>code_verifier</c> (RFC 7636 section 4.1). A secret.</summary>
    internal string CodeVerifier { get; init; } = string.Empty;

    /// <summary>The private DPoP key of this issuer session (RFC 9449), or <see langword="null"/> when DPoP is off. A secret.</summary>
    internal Jwk? DpopKey { get; init; }

    /// <summary>The latest <c>DPoP-Nonce</c> the Authorization Server gave, if any.</summary>
    internal string? DpopNonce { get; init; }

    /// <summary>Serializes the session, secrets included, for the app to persist (encrypted).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => OpenId4VciJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("v", Version);
        w.WritePropertyName("credential_offer");
        w.WriteRawValue(Offer.Offer.ToJson());
        w.WritePropertyName("credential_issuer_metadata");
        w.WriteRawValue(Offer.Metadata.ToJson());
        w.WritePropertyName("authorization_server_metadata");
        w.WriteRawValue(Offer.AuthorizationServer.ToJson());
        OpenId4VciJson.WriteStringArray(w, "credential_configuration_ids", CredentialConfigurationIds);
        w.WriteString("client_id", ClientId);
        w.WriteString("redirect_uri", RedirectUri.OriginalString);
        w.WriteString("authorization_url", AuthorizationUrl.AbsoluteUri);
        w.WriteNumber("expires_at", ExpiresAt.ToUnixTimeSeconds());
        w.WriteString("state", State);
        w.WriteString("code_verifier", CodeVerifier);
        if (DpopKey is not null)
        {
            w.WritePropertyName("dpop_key");
            DpopKey.WriteTo(w);
        }

        if (DpopNonce is not null)
        {
            w.WriteString("dpop_nonce", DpopNonce);
        }

        w.WriteEndObject();
    });

    /// <summary>Reads a session persisted with <see cref="ToJson"/>. Never throws for bad input.</summary>
    /// <param name="utf8">The JSON bytes.</param>
    /// <returns>The session, or <see cref="AuthorizationCodeErrors.InvalidSession"/>.</returns>
    public static VerificationResult<AuthorizationCodeSession> Read(ReadOnlyMemory<byte> utf8)
    {
        if (utf8.Length > MaxLength || OpenId4VciJson.ParseObject(utf8) is not { } root)
        {
            return Invalid("The session is not a JSON object within the size limit.");
        }

        if (!root.TryGetProperty("v", out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var version) || version != Version)
        {
            return Invalid("The session has another version.");
        }

        if (!root.TryGetProperty("credential_offer", out var offerJson) || !root.TryGetProperty("credential_issuer_metadata", out var metadataJson)
            || !root.TryGetProperty("authorization_server_metadata", out var serverJson))
        {
            return Invalid("The session lacks the offer or a metadata document.");
        }

        var offer = CredentialOffer.Read(Encoding.UTF8.GetBytes(offerJson.GetRawText()));
        var metadata = CredentialIssuerMetadata.Read(Encoding.UTF8.GetBytes(metadataJson.GetRawText()));
        var server = AuthorizationServerMetadata.Read(Encoding.UTF8.GetBytes(serverJson.GetRawText()));
        if (!offer.IsValid || !metadata.IsValid || !server.IsValid)
        {
            return Invalid("The session's offer or metadata no longer parses.");
        }

        if (!OpenId4VciJson.TryOptionalStringArray(root, "credential_configuration_ids", nonEmpty: true, out var ids) || ids is null
            || !OpenId4VciJson.TryRequiredString(root, "client_id", out var clientId)
            || !OpenId4VciJson.TryRequiredString(root, "redirect_uri", out var redirect) || !Uri.TryCreate(redirect, UriKind.Absolute, out var redirectUri)
            || !OpenId4VciJson.TryRequiredString(root, "authorization_url", out var authorization) || !Uri.TryCreate(authorization, UriKind.Absolute, out var authorizationUrl)
            || !OpenId4VciJson.TryRequiredString(root, "state", out var state)
            || !OpenId4VciJson.TryRequiredString(root, "code_verifier", out var verifier)
            || !OpenId4VciJson.TryOptionalString(root, "dpop_nonce", out var nonce)
            || !root.TryGetProperty("expires_at", out var expires) || expires.ValueKind != JsonValueKind.Number || !expires.TryGetInt64(out var expiresAt)
            || expiresAt is < 0 or > 253402300799)
        {
            return Invalid("The session misses a member or has one of the wrong type.");
        }

        Jwk? dpopKey = null;
        if (root.TryGetProperty("dpop_key", out var keyJson))
        {
            var key = Jwk.Read(keyJson);
            if (!key.IsValid || !key.Value.HasPrivateKey)
            {
                return Invalid("The session's DPoP key is not a private JWK.");
            }

            dpopKey = key.Value;
        }

        return new AuthorizationCodeSession
        {
            Offer = new ResolvedCredentialOffer { Offer = offer.Value, Metadata = metadata.Value, AuthorizationServer = server.Value },
            CredentialConfigurationIds = ids,
            ClientId = clientId,
            RedirectUri = redirectUri,
            AuthorizationUrl = authorizationUrl,
            ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(expiresAt),
            State = state,
            CodeVerifier = verifier,
            DpopKey = dpopKey,
            DpopNonce = nonce,
        };
    }

    /// <summary>Reads a session persisted with <see cref="ToJson"/>. Never throws for bad input.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The session, or <see cref="AuthorizationCodeErrors.InvalidSession"/>.</returns>
    public static VerificationResult<AuthorizationCodeSession> Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return json.Length > MaxLength ? Invalid("The session exceeds the size limit.") : Read(Encoding.UTF8.GetBytes(json));
    }

    /// <inheritdoc />
    public override string ToString() => $"AuthorizationCodeSession({Offer.Offer.CredentialIssuer}, [{string.Join(", ", CredentialConfigurationIds)}], expires {ExpiresAt:O})";

    private static VerificationError Invalid(string message) => new(AuthorizationCodeErrors.InvalidSession, message);
}
