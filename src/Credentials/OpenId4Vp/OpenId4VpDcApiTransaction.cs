using System;
using System.Buffers;
using System.Text;
using System.Text.Json;
using Credentials.Internal;

namespace Credentials.OpenId4Vp;

/// <summary>
/// A request the verifier created for the Digital Credentials API (OpenID4VP 1.0 Appendix A): the <c>protocol</c> and
/// <c>data</c> the page passes to <c>navigator.credentials.get({digital: {requests: [{protocol, data}]}})</c>, and the
/// transaction id the page posts back with the wallet's answer.
/// </summary>
public sealed record OpenId4VpDcApiTransaction
{
    /// <summary>The transaction id: correlates the page's answer with this request; results are fetched with it.</summary>
    public required string TransactionId { get; init; }

    /// <summary>The exchange protocol: <c>openid4vp-v1-unsigned</c> or <c>openid4vp-v1-signed</c> (Appendix A.1).</summary>
    public required string Protocol { get; init; }

    /// <summary>The request data: the parameters themselves (unsigned), or <c>{"request": "&lt;JWS&gt;"}</c> (signed).</summary>
    public required JsonElement Data { get; init; }

    /// <summary>The nonce the presentations must carry.</summary>
    public required string Nonce { get; init; }

    /// <summary>The Response Mode: <c>dc_api</c> or <c>dc_api.jwt</c>.</summary>
    public required string ResponseMode { get; init; }

    /// <summary>When the request stops being answerable.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>
    /// The JSON a page needs: <c>{"transaction_id": …, "protocol": …, "data": {…}, "expires_at": &lt;seconds&gt;}</c>;
    /// <c>protocol</c> and <c>data</c> go to <c>navigator.credentials.get</c> unchanged.
    /// </summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("transaction_id", TransactionId);
            w.WriteString("protocol", Protocol);
            w.WritePropertyName("data");
            Data.WriteTo(w);
            w.WriteNumber("expires_at", ExpiresAt.ToUnixTimeSeconds());
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
