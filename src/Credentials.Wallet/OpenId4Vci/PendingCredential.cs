using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Credentials.Internal;
using Credentials.Keys;

namespace Credentials.Wallet.OpenId4Vci;

/// <summary>
/// An issuance the Credential Issuer deferred (OpenID4VCI 1.0 section 9): what the Wallet needs to ask the Deferred
/// Credential Endpoint later with <see cref="OpenId4VciClient.CompleteDeferredAsync"/>. The holder keys the credentials
/// will be bound to stay in the wallet. Persist it with <see cref="ToJson"/> and read it back with <see cref="Read"/>.
/// </summary>
/// <remarks>
/// It holds secrets: the access token and, when the token is DPoP-bound (RFC 9449), the private DPoP key that every
/// Deferred Credential Request and Notification Request must prove possession of. Keep it (and its JSON) where the
/// wallet keeps secrets; <see cref="ToString"/> shows neither.
/// </remarks>
public sealed record PendingCredential
{
    /// <summary>The Credential Issuer Identifier.</summary>
    public required string CredentialIssuer { get; init; }

    /// <summary>The requested configuration.</summary>
    public required string CredentialConfigurationId { get; init; }

    /// <summary>The <c>transaction_id</c>.</summary>
    public required string TransactionId { get; init; }

    /// <summary>The access token of the original request (section 9: the one to present at the Deferred Credential Endpoint).</summary>
    public required string AccessToken { get; init; }

    /// <summary>
    /// The private DPoP key the access token is bound to (RFC 9449 section 6), as a JWK, or <see langword="null"/> for a
    /// Bearer token. A secret: the Deferred Credential and Notification Requests carry DPoP proofs signed with it.
    /// </summary>
    public Jwk? DpopKey { get; init; }

    /// <summary>The wallet's holder keys the credentials will be bound to.</summary>
    public required IReadOnlyList<string> HolderKeyIds { get; init; }

    /// <summary>Not before this time should the Wallet ask again (the response's <c>interval</c> after it arrived).</summary>
    public required DateTimeOffset RetryAfter { get; init; }

    /// <summary>Serializes for durable storage.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("credential_issuer", CredentialIssuer);
            w.WriteString("credential_configuration_id", CredentialConfigurationId);
            w.WriteString("transaction_id", TransactionId);
            w.WriteString("access_token", AccessToken);
            if (DpopKey is not null)
            {
                w.WritePropertyName("dpop_key");
                DpopKey.WriteTo(w);
            }

            w.WriteStartArray("holder_key_ids");
            foreach (var id in HolderKeyIds)
            {
                w.WriteStringValue(id);
            }

            w.WriteEndArray();
            w.WriteNumber("retry_after", RetryAfter.ToUnixTimeSeconds());
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads what <see cref="ToJson"/> wrote; never throws for bad input.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The pending credential, or <see cref="Credentials.OpenId4Vci.OpenId4VciErrors.InvalidResponse"/>.</returns>
    public static VerificationResult<PendingCredential> Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!SafeJson.TryParseElement(Encoding.UTF8.GetBytes(json), out var root) || root.ValueKind != JsonValueKind.Object
            || !root.TryGetString("credential_issuer", out var issuer) || !root.TryGetString("credential_configuration_id", out var configuration)
            || !root.TryGetString("transaction_id", out var transaction) || !root.TryGetString("access_token", out var token)
            || !root.TryGetProperty("holder_key_ids", out var keys) || keys.ValueKind != JsonValueKind.Array
            || !root.TryGetProperty("retry_after", out var retry) || !retry.TryGetInt64(out var retrySeconds)
            || retrySeconds < 0 || retrySeconds > 253402300799)
        {
            return Invalid();
        }

        Jwk? dpopKey = null;
        if (root.TryGetProperty("dpop_key", out var keyJson))
        {
            var key = Jwk.Read(keyJson);
            if (!key.IsValid || !key.Value.HasPrivateKey)
            {
                return Invalid();
            }

            dpopKey = key.Value;
        }

        var ids = new List<string>(keys.GetArrayLength());
        foreach (var key in keys.EnumerateArray())
        {
            if (key.ValueKind != JsonValueKind.String)
            {
                return Invalid();
            }

            ids.Add(key.GetString()!);
        }

        return new PendingCredential
        {
            CredentialIssuer = issuer,
            CredentialConfigurationId = configuration,
            TransactionId = transaction,
            AccessToken = token,
            DpopKey = dpopKey,
            HolderKeyIds = ids,
            RetryAfter = DateTimeOffset.FromUnixTimeSeconds(retrySeconds),
        };
    }

    private static VerificationError Invalid() => new(Credentials.OpenId4Vci.OpenId4VciErrors.InvalidResponse, "Not a pending credential's JSON.");

    /// <inheritdoc />
    public override string ToString() => $"PendingCredential({CredentialConfigurationId}, retry after {RetryAfter:O})";
}
