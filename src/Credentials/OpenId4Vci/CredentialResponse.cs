using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Credentials.OpenId4Vci;

/// <summary>A Credential Response (OpenID4VCI 1.0 section 8.3): the issued credentials, or a deferred transaction.</summary>
public sealed record CredentialResponse
{
    /// <summary>The issued credentials (each <c>credentials[i].credential</c>; for <c>dc+sd-jwt</c> the SD-JWT VC string, never re-encoded).</summary>
    public IReadOnlyList<string>? Credentials { get; init; }

    /// <summary>The deferred issuance transaction (not supported by this library's client or server).</summary>
    public string? TransactionId { get; init; }

    /// <summary>The notification id, if any.</summary>
    public string? NotificationId { get; init; }

    /// <summary>Serializes the response.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => OpenId4VciJson.Write(w =>
    {
        w.WriteStartObject();
        if (Credentials is not null)
        {
            w.WriteStartArray("credentials");
            foreach (var credential in Credentials)
            {
                w.WriteStartObject();
                w.WriteString("credential", credential);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (TransactionId is not null)
        {
            w.WriteString("transaction_id", TransactionId);
        }

        if (NotificationId is not null)
        {
            w.WriteString("notification_id", NotificationId);
        }

        w.WriteEndObject();
    });

    /// <summary>Parses an untrusted Credential Response whose credentials are strings; unknown members are ignored.</summary>
    /// <param name="utf8">The body.</param>
    /// <returns>The response, or <see cref="OpenId4VciErrors.InvalidResponse"/>: not an object, both or neither of <c>credentials</c> and <c>transaction_id</c>, or an entry without a string <c>credential</c>.</returns>
    public static VerificationResult<CredentialResponse> Read(ReadOnlyMemory<byte> utf8)
    {
        if (OpenId4VciJson.ParseObject(utf8) is not { } root
            || !OpenId4VciJson.TryOptionalString(root, "transaction_id", out var transaction)
            || !OpenId4VciJson.TryOptionalString(root, "notification_id", out var notification))
        {
            return new VerificationError(OpenId4VciErrors.InvalidResponse, "The Credential Response is not a JSON object with string transaction_id and notification_id.");
        }

        List<string>? credentials = null;
        if (root.TryGetProperty("credentials", out var array))
        {
            if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
            {
                return new VerificationError(OpenId4VciErrors.InvalidResponse, "credentials must be a non-empty array.");
            }

            credentials = [];
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || !OpenId4VciJson.TryRequiredString(item, "credential", out var credential))
                {
                    return new VerificationError(OpenId4VciErrors.InvalidResponse, "Each credentials entry must be an object with a string credential.");
                }

                credentials.Add(credential);
            }
        }

        if ((credentials is null) == (transaction is null))
        {
            return new VerificationError(OpenId4VciErrors.InvalidResponse, "The Credential Response must carry exactly one of credentials and transaction_id.");
        }

        return new CredentialResponse { Credentials = credentials, TransactionId = transaction, NotificationId = notification };
    }


}
