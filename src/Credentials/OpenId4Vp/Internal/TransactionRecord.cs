using System;
using System.Buffers;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Text.Json;
using Credentials.Internal;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Status;

namespace Credentials.OpenId4Vp.Internal;

/// <summary>A verifier transaction as kept in the protocol state store (JSON text), with its result once answered.</summary>
internal sealed record TransactionRecord
{
    public required string TransactionId { get; init; }

    public required string State { get; init; }

    public required string Nonce { get; init; }

    public required string ClientId { get; init; }

    public required string ResponseUri { get; init; }

    public required string DcqlQuery { get; init; }

    public string? ClientMetadata { get; init; }

    public required DateTimeOffset RequestExpiresAt { get; init; }

    public string? ResponseCode { get; init; }

    /// <summary>The Response Mode the request asked for: <c>direct_post</c>, <c>direct_post.jwt</c>, <c>dc_api</c> or <c>dc_api.jwt</c>.</summary>
    public string Mode { get; init; } = OpenId4VpConstants.ResponseModeDirectPost;

    /// <summary>The private JWK of the transaction's response encryption key (section 8.3) until the response is processed.</summary>
    public string? EncryptionKey { get; init; }

    /// <summary>The <c>enc</c> values offered with <see cref="EncryptionKey"/>.</summary>
    public string? EncryptionMethods { get; init; }

    public bool IsDcApi => Mode is OpenId4VpConstants.ResponseModeDcApi or OpenId4VpConstants.ResponseModeDcApiJwt;

    public bool IsEncrypted => Mode is OpenId4VpConstants.ResponseModeDirectPostJwt or OpenId4VpConstants.ResponseModeDcApiJwt;

    public OpenId4VpTransactionResult? Result { get; init; }

    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("tx", TransactionId);
            w.WriteString("state", State);
            w.WriteString("nonce", Nonce);
            w.WriteString("client_id", ClientId);
            w.WriteString("response_uri", ResponseUri);
            w.WriteString("dcql_query", DcqlQuery);
            if (ClientMetadata is not null)
            {
                w.WriteString("client_metadata", ClientMetadata);
            }

            w.WriteNumber("request_exp", RequestExpiresAt.ToUnixTimeMilliseconds());
            if (ResponseCode is not null)
            {
                w.WriteString("response_code", ResponseCode);
            }

            if (Mode != OpenId4VpConstants.ResponseModeDirectPost)
            {
                w.WriteString("mode", Mode);
            }

            if (EncryptionKey is not null)
            {
                w.WriteString("enc_key", EncryptionKey);
            }

            if (EncryptionMethods is not null)
            {
                w.WriteString("enc_values", EncryptionMethods);
            }

            if (Result is not null)
            {
                w.WritePropertyName("result");
                WriteResult(w, Result);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static TransactionRecord? TryParse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = SafeJson.TryParse(json, 128);
        if (document is null)
        {
            return null;
        }

        var r = document.RootElement;
        try
        {
            return new TransactionRecord
            {
                TransactionId = r.GetProperty("tx").GetString()!,
                State = r.GetProperty("state").GetString()!,
                Nonce = r.GetProperty("nonce").GetString()!,
                ClientId = r.GetProperty("client_id").GetString()!,
                ResponseUri = r.GetProperty("response_uri").GetString()!,
                DcqlQuery = r.GetProperty("dcql_query").GetString()!,
                ClientMetadata = r.TryGetString("client_metadata", out var md) ? md : null,
                RequestExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetProperty("request_exp").GetInt64()),
                ResponseCode = r.TryGetString("response_code", out var code) ? code : null,
                Mode = r.TryGetString("mode", out var mode) ? mode : OpenId4VpConstants.ResponseModeDirectPost,
                EncryptionKey = r.TryGetString("enc_key", out var key) ? key : null,
                EncryptionMethods = r.TryGetString("enc_values", out var encValues) ? encValues : null,
                Result = r.TryGetProperty("result", out var result) ? ReadResult(result) : null,
            };
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    private static void WriteResult(Utf8JsonWriter w, OpenId4VpTransactionResult result)
    {
        w.WriteStartObject();
        w.WriteString("status", result.Status.ToString());
        w.WriteString("client_id", result.ClientId);
        if (result.ReceivedAt is { } received)
        {
            w.WriteNumber("received", received.ToUnixTimeMilliseconds());
        }

        WriteError(w, "error", result.Error);
        if (result.WalletError is not null)
        {
            w.WriteString("wallet_error", result.WalletError);
        }

        if (result.WalletErrorDescription is not null)
        {
            w.WriteString("wallet_error_description", result.WalletErrorDescription);
        }

        w.WriteStartArray("presentations");
        foreach (var p in result.Presentations)
        {
            w.WriteStartObject();
            w.WriteString("query_id", p.QueryId);
            w.WriteNumber("index", p.Index);
            WriteError(w, "error", p.Error);
            if (p.Vct is not null)
            {
                w.WriteString("vct", p.Vct);
            }

            if (p.Issuer is not null)
            {
                w.WriteString("iss", p.Issuer);
            }

            if (p.DocType is not null)
            {
                w.WriteString("doctype", p.DocType);
            }

            if (p.Claims is { } claims)
            {
                w.WritePropertyName("claims");
                claims.WriteTo(w);
            }

            WritePaths(w, "disclosed", p.DisclosedClaims);
            WritePaths(w, "requested", p.RequestedClaims);
            WritePaths(w, "extra", p.ExtraDisclosedClaims);
            if (p.Status is { } status)
            {
                w.WriteNumber("status", status.Value);
            }

            if (p.HolderKeyThumbprint is not null)
            {
                w.WriteString("holder_key", p.HolderKeyThumbprint);
            }

            if (p.Format is not null)
            {
                w.WriteString("format", p.Format);
            }

            if (p.Holder is not null)
            {
                w.WriteString("holder", p.Holder);
            }

            if (!p.Types.IsDefaultOrEmpty)
            {
                w.WriteStartArray("types");
                foreach (var type in p.Types)
                {
                    w.WriteStringValue(type);
                }

                w.WriteEndArray();
            }

            if (p.DisclosesWholeCredential)
            {
                w.WriteBoolean("whole", true);
            }

            w.WriteStartArray("checks");
            foreach (var c in p.Checks)
            {
                w.WriteStartObject();
                w.WriteString("check", c.Check.ToString());
                w.WriteString("outcome", c.Outcome.ToString());
                WriteError(w, "error", c.Error);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static OpenId4VpTransactionResult ReadResult(JsonElement e)
    {
        var presentations = ImmutableArray.CreateBuilder<VerifiedPresentation>();
        foreach (var p in e.GetProperty("presentations").EnumerateArray())
        {
            var checks = ImmutableArray.CreateBuilder<VerificationCheck>();
            foreach (var c in p.GetProperty("checks").EnumerateArray())
            {
                checks.Add(new VerificationCheck(Enum.Parse<CheckKind>(c.GetProperty("check").GetString()!), Enum.Parse<CheckOutcome>(c.GetProperty("outcome").GetString()!), ReadError(c, "error")));
            }

            presentations.Add(new VerifiedPresentation
            {
                QueryId = p.GetProperty("query_id").GetString()!,
                Index = p.GetProperty("index").GetInt32(),
                Error = ReadError(p, "error"),
                Vct = p.TryGetString("vct", out var vct) ? vct : null,
                Issuer = p.TryGetString("iss", out var iss) ? iss : null,
                DocType = p.TryGetString("doctype", out var doctype) ? doctype : null,
                Claims = p.TryGetProperty("claims", out var claims) ? claims.Clone() : null,
                DisclosedClaims = ReadPaths(p, "disclosed"),
                RequestedClaims = ReadPaths(p, "requested"),
                ExtraDisclosedClaims = ReadPaths(p, "extra"),
                Status = p.TryGetProperty("status", out var status) ? new StatusValue(status.GetByte()) : null,
                HolderKeyThumbprint = p.TryGetString("holder_key", out var hk) ? hk : null,
                Format = p.TryGetString("format", out var format) ? format : null,
                Holder = p.TryGetString("holder", out var holder) ? holder : null,
                Types = p.TryGetProperty("types", out var types) ? [.. types.EnumerateArray().Select(t => t.GetString()!)] : [],
                DisclosesWholeCredential = p.TryGetProperty("whole", out var whole) && whole.ValueKind == JsonValueKind.True,
                Checks = checks.ToImmutable(),
            });
        }

        return new OpenId4VpTransactionResult
        {
            TransactionId = string.Empty,
            Status = Enum.Parse<OpenId4VpTransactionStatus>(e.GetProperty("status").GetString()!),
            ClientId = e.GetProperty("client_id").GetString()!,
            ReceivedAt = e.TryGetProperty("received", out var received) ? DateTimeOffset.FromUnixTimeMilliseconds(received.GetInt64()) : null,
            Error = ReadError(e, "error"),
            WalletError = e.TryGetString("wallet_error", out var we) ? we : null,
            WalletErrorDescription = e.TryGetString("wallet_error_description", out var wd) ? wd : null,
            Presentations = presentations.ToImmutable(),
        };
    }

    private static void WriteError(Utf8JsonWriter w, string name, VerificationError? error)
    {
        if (error is null)
        {
            return;
        }

        w.WriteStartObject(name);
        w.WriteString("code", error.Code.Value);
        w.WriteString("kind", error.Kind.ToString());
        w.WriteString("message", error.Message);
        if (error.Path is not null)
        {
            w.WriteString("path", error.Path.ToString());
        }

        WriteError(w, "inner", error.Inner);
        w.WriteEndObject();
    }

    private static VerificationError? ReadError(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var e))
        {
            return null;
        }

        return new VerificationError(new ErrorCode(e.GetProperty("code").GetString()!, Enum.Parse<VerificationFailureKind>(e.GetProperty("kind").GetString()!)), e.GetProperty("message").GetString()!)
        {
            Path = e.TryGetString("path", out var path) && ClaimPath.TryParse(path, out var claimPath) ? claimPath : null,
            Inner = ReadError(e, "inner"),
        };
    }

    private static void WritePaths(Utf8JsonWriter w, string name, ImmutableArray<ClaimPath> paths)
    {
        w.WriteStartArray(name);
        foreach (var path in paths)
        {
            w.WriteStringValue(path.ToString());
        }

        w.WriteEndArray();
    }

    private static ImmutableArray<ClaimPath> ReadPaths(JsonElement parent, string name)
    {
        var builder = ImmutableArray.CreateBuilder<ClaimPath>();
        foreach (var item in parent.GetProperty(name).EnumerateArray())
        {
            builder.Add(ClaimPath.Parse(item.GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        }

        return builder.ToImmutable();
    }
}
