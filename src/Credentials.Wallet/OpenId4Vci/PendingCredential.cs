using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Credentials.Internal;

namespace Credentials.Wallet.OpenId4Vci;

/// <summary>
/// An issuance the Credential Issuer deferred (OpenID4VCI 1.0 section 9): what the Wallet needs to ask the Deferred
/// Credential Endpoint later with <see cref="OpenId4VciClient.CompleteDeferredAsync"/>. The holder keys the credentials
/// will be bound to stay in the wallet. Persist it with <see cref="ToJson"/> (it holds the access token, a secret: keep
/// it where the wallet keeps secrets) and read it back with <see cref="Read"/>.
/// </summary>
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
            HolderKeyIds = ids,
            RetryAfter = DateTimeOffset.FromUnixTimeSeconds(retrySeconds),
        };
    }

    private static VerificationError Invalid() => new(Credentials.OpenId4Vci.OpenId4VciErrors.InvalidResponse, "Not a pending credential's JSON.");

    /// <inheritdoc />
    public override string ToString() => $"PendingCredential({CredentialConfigurationId}, retry after {RetryAfter:O})";
}
