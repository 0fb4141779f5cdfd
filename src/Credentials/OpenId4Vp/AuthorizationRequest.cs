using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Credentials.Dcql;
using Credentials.Internal;

namespace Credentials.OpenId4Vp;

/// <summary>
/// An OpenID4VP 1.0 Authorization Request for a <c>vp_token</c> answered with Response Mode <c>direct_post</c>
/// (sections 5 and 8.2): who asks (<c>client_id</c>), what (<c>dcql_query</c>), where to answer (<c>response_uri</c>),
/// and the values that bind the answer to this transaction (<c>nonce</c>, <c>state</c>).
/// </summary>
public sealed partial record AuthorizationRequest
{
    /// <summary>The Client Identifier with its prefix (section 5.9), for example <c>decentralized_identifier:did:key:z…</c>.</summary>
    public required string ClientId { get; init; }

    /// <summary>The Response Type; always <c>vp_token</c> here (section 5.6).</summary>
    public string ResponseType { get; init; } = OpenId4VpConstants.ResponseTypeVpToken;

    /// <summary>The Response Mode: <c>direct_post</c> (section 8.2, the default) or <c>direct_post.jwt</c> (encrypted, section 8.3.1).</summary>
    public string ResponseMode { get; init; } = OpenId4VpConstants.ResponseModeDirectPost;

    /// <summary>Where the wallet posts the Authorization Response (section 8.2).</summary>
    public required string ResponseUri { get; init; }

    /// <summary>The fresh nonce the Key Binding JWTs must carry (section 5.2): ASCII URL-safe characters.</summary>
    public required string Nonce { get; init; }

    /// <summary>The <c>state</c> echoed in the response (section 5.2), or <see langword="null"/>.</summary>
    public string? State { get; init; }

    /// <summary>The DCQL query (section 6).</summary>
    public required DcqlQuery DcqlQuery { get; init; }

    /// <summary>The <c>client_metadata</c> object (section 5.1), for example <c>vp_formats_supported</c>, or <see langword="null"/>.</summary>
    public JsonElement? ClientMetadata { get; init; }

    /// <summary>The <c>wallet_nonce</c> echoed in a Request Object fetched with <c>request_uri_method=post</c> (section 5.10), or <see langword="null"/>.</summary>
    public string? WalletNonce { get; init; }

    /// <summary>The attestations about the verifier of <c>verifier_info</c> (section 5.1), or <see langword="null"/>.</summary>
    public IReadOnlyList<VerifierInfo>? VerifierInfo { get; init; }

    /// <summary>The parsed Client Identifier.</summary>
    public ClientIdentifier ClientIdentifier => ClientIdentifier.TryParse(ClientId) ?? throw new InvalidOperationException("The client_id is empty.");

    /// <summary>
    /// The request as URL parameters for a request passed by value without a Request Object (section 5.4, first
    /// option): objects (<c>dcql_query</c>, <c>client_metadata</c>) are JSON-serialized strings.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToParameters()
    {
        var list = new List<KeyValuePair<string, string>>
        {
            new(RequestParameterNames.ClientId, ClientId),
            new(RequestParameterNames.ResponseType, ResponseType),
            new(RequestParameterNames.ResponseMode, ResponseMode),
            new(RequestParameterNames.ResponseUri, ResponseUri),
            new(RequestParameterNames.Nonce, Nonce),
        };
        if (State is not null)
        {
            list.Add(new(RequestParameterNames.State, State));
        }

        list.Add(new(RequestParameterNames.DcqlQuery, DcqlQuery.ToJson()));
        if (ClientMetadata is { } metadata)
        {
            list.Add(new(RequestParameterNames.ClientMetadata, metadata.GetRawText()));
        }

        if (VerifierInfo is { Count: > 0 } info)
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var writer = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
            {
                WriteVerifierInfo(writer, info);
            }

            list.Add(new(RequestParameterNames.VerifierInfo, Encoding.UTF8.GetString(buffer.WrittenSpan)));
        }

        return list;
    }

    /// <summary>
    /// The Request Object payload (section 5; RFC 9101): the request parameters as claims, plus <c>aud</c>
    /// (<c>https://self-issued.me/v2</c>, section 5.8), <c>iat</c> and, when given, <c>exp</c>.
    /// </summary>
    /// <param name="issuedAt">The <c>iat</c>.</param>
    /// <param name="expiresAt">The <c>exp</c>, or <see langword="null"/>.</param>
    /// <returns>The UTF-8 JSON payload.</returns>
    public byte[] ToRequestObjectPayload(DateTimeOffset issuedAt, DateTimeOffset? expiresAt)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString(RequestParameterNames.ClientId, ClientId);
            writer.WriteString("aud", OpenId4VpConstants.SelfIssuedAudience);
            writer.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
            if (expiresAt is { } exp)
            {
                writer.WriteNumber("exp", exp.ToUnixTimeSeconds());
            }

            writer.WriteString(RequestParameterNames.ResponseType, ResponseType);
            writer.WriteString(RequestParameterNames.ResponseMode, ResponseMode);
            writer.WriteString(RequestParameterNames.ResponseUri, ResponseUri);
            writer.WriteString(RequestParameterNames.Nonce, Nonce);
            if (State is not null)
            {
                writer.WriteString(RequestParameterNames.State, State);
            }

            if (WalletNonce is not null)
            {
                writer.WriteString(RequestParameterNames.WalletNonce, WalletNonce);
            }

            writer.WritePropertyName(RequestParameterNames.DcqlQuery);
            DcqlQuery.WriteTo(writer);
            if (ClientMetadata is { } metadata)
            {
                writer.WritePropertyName(RequestParameterNames.ClientMetadata);
                metadata.WriteTo(writer);
            }

            if (VerifierInfo is { Count: > 0 } info)
            {
                writer.WritePropertyName(RequestParameterNames.VerifierInfo);
                WriteVerifierInfo(writer, info);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Whether a value uses only the ASCII URL-safe characters <c>nonce</c> and <c>state</c> allow (section 5.2).</summary>
    /// <param name="value">The value.</param>
    public static bool IsUrlSafe(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~'))
            {
                return false;
            }
        }

        return true;
    }

    private static void WriteVerifierInfo(Utf8JsonWriter writer, IReadOnlyList<VerifierInfo> info)
    {
        writer.WriteStartArray();
        foreach (var entry in info)
        {
            entry.WriteTo(writer);
        }

        writer.WriteEndArray();
    }

    internal static string Utf8(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
