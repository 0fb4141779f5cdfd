using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Credentials.OpenId4Vci;

/// <summary>A Credential Response (OpenID4VCI 1.0 section 8.3): the issued credentials, or a deferred transaction.</summary>
public sealed record CredentialResponse
{
    /// <summary>
    /// The issued credentials (each <c>credentials[i].credential</c>; for <c>dc+sd-jwt</c> the SD-JWT VC string and for
    /// <c>jwt_vc_json</c> the JWT, never re-encoded; for <c>ldp_vc</c>, which travels as a JSON object, the object's JSON text).
    /// </summary>
    public IReadOnlyList<string>? Credentials { get; init; }

    /// <summary>The deferred issuance transaction (<c>transaction_id</c>, HTTP 202, sections 8.3 and 9.2), to send to the Deferred Credential Endpoint.</summary>
    public string? TransactionId { get; init; }

    /// <summary>With <see cref="TransactionId"/>: the seconds the Wallet should wait before asking the Deferred Credential Endpoint (<c>interval</c>).</summary>
    public int? Interval { get; init; }

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

        if (Interval is { } interval)
        {
            w.WriteNumber("interval", interval);
        }

        if (NotificationId is not null)
        {
            w.WriteString("notification_id", NotificationId);
        }

        w.WriteEndObject();
    });

    /// <summary>Writes a response with the given credentials: strings as JSON strings, W3C <c>ldp_vc</c> credentials as objects (section 8.3).</summary>
    internal static string Write(IReadOnlyList<System.Text.Json.Nodes.JsonNode> credentials, string? notificationId = null) => OpenId4VciJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("credentials");
        foreach (var credential in credentials)
        {
            w.WriteStartObject();
            w.WritePropertyName("credential");
            credential.WriteTo(w);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (notificationId is not null)
        {
            w.WriteString("notification_id", notificationId);
        }

        w.WriteEndObject();
    });

    /// <summary>Writes the response of a deferred or still pending issuance: <c>transaction_id</c> and <c>interval</c> (sections 8.3 and 9.2).</summary>
    internal static string WritePending(string transactionId, int interval) => OpenId4VciJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("transaction_id", transactionId);
        w.WriteNumber("interval", interval);
        w.WriteEndObject();
    });

    /// <summary>Parses an untrusted Credential Response whose credentials are strings or (<c>ldp_vc</c>) JSON objects; unknown members are ignored.</summary>
    /// <param name="utf8">The body.</param>
    /// <returns>The response, or <see cref="OpenId4VciErrors.InvalidResponse"/>: not an object, both or neither of <c>credentials</c> and <c>transaction_id</c>, a <c>transaction_id</c> without a positive integer <c>interval</c>, or an entry whose <c>credential</c> is neither a non-empty string nor a non-empty object.</returns>
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
                if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("credential", out var value))
                {
                    return new VerificationError(OpenId4VciErrors.InvalidResponse, "Each credentials entry must be an object with a credential.");
                }

                // Appendix A.1.2.4: an ldp_vc credential is a JSON object (kept as its JSON text); other formats are strings.
                if (value.ValueKind == JsonValueKind.Object && value.EnumerateObject().MoveNext())
                {
                    credentials.Add(value.GetRawText());
                }
                else if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
                {
                    credentials.Add(text);
                }
                else
                {
                    return new VerificationError(OpenId4VciErrors.InvalidResponse, "Each credential must be a non-empty string or a non-empty JSON object.");
                }
            }
        }

        if ((credentials is null) == (transaction is null))
        {
            return new VerificationError(OpenId4VciErrors.InvalidResponse, "The Credential Response must carry exactly one of credentials and transaction_id.");
        }

        // Section 8.3: interval is required with transaction_id (a positive number of seconds) and not used with credentials.
        int? interval = null;
        if (transaction is not null
            && (!root.TryGetProperty("interval", out _) || !OpenId4VciJson.TryOptionalInt(root, "interval", 1, int.MaxValue, out interval)))
        {
            return new VerificationError(OpenId4VciErrors.InvalidResponse, "A deferred Credential Response needs a positive integer interval.");
        }

        return new CredentialResponse { Credentials = credentials, TransactionId = transaction, Interval = interval, NotificationId = notification };
    }


}
