using System;
using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace Credentials.AspNetCore.StatusLists;

/// <summary>
/// The time claims of a Status List Token this issuer stored (<c>iat</c>, <c>exp</c>, <c>ttl</c>; draft-ietf-oauth-status-list
/// §5.1), read from its payload without verifying the signature: the token is the issuer's own, read back from its store,
/// only to schedule its renewal and to answer with cache headers.
/// </summary>
internal readonly record struct StatusListTokenTimes(DateTimeOffset IssuedAt, DateTimeOffset? ExpiresAt, TimeSpan? TimeToLive)
{
    // Up to 100 years, the longest lifetime a StatusListTokenIssuer accepts.
    private const double StatusListTokenIssuerMaxSeconds = 36525.0 * 86400;

    /// <summary>How long the token is meant to serve: <c>exp − iat</c>, else <c>ttl</c>; <see langword="null"/> when neither is set.</summary>
    public TimeSpan? Lifetime => ExpiresAt is { } exp ? exp - IssuedAt : TimeToLive;

    /// <summary>When the token should be re-signed: when less than <paramref name="margin"/> of its lifetime remains.</summary>
    public DateTimeOffset? RefreshDue(double margin) => Lifetime is { } lifetime
        ? IssuedAt + (lifetime * (1 - margin))
        : null;

    /// <summary>Reads the claims; <see langword="null"/> when the token is not a JWS with a JSON payload and an integer <c>iat</c>.</summary>
    public static StatusListTokenTimes? TryRead(string token)
    {
        var first = token.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (second < 0)
        {
            return null;
        }

        var encoded = token.AsSpan(first + 1, second - first - 1);
        var length = Base64Url.GetMaxDecodedLength(encoded.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            if (Base64Url.DecodeFromChars(encoded, buffer, out _, out var written) != OperationStatus.Done)
            {
                return null;
            }

            return Read(buffer.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static StatusListTokenTimes? Read(ReadOnlySpan<byte> payload)
    {
        long? iat = null;
        long? exp = null;
        double? ttl = null;
        try
        {
            var reader = new Utf8JsonReader(payload);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueSpan;
                if (!reader.Read())
                {
                    return null;
                }

                if (reader.TokenType == JsonTokenType.Number)
                {
                    if (name.SequenceEqual("iat"u8) && reader.TryGetInt64(out var i))
                    {
                        iat = i;
                    }
                    else if (name.SequenceEqual("exp"u8) && reader.TryGetInt64(out var e))
                    {
                        exp = e;
                    }
                    else if (name.SequenceEqual("ttl"u8) && reader.TryGetDouble(out var t) && t > 0)
                    {
                        ttl = t;
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        if (iat is not { } issued || !InRange(issued) || (exp is { } e2 && !InRange(e2)) || ttl > StatusListTokenIssuerMaxSeconds)
        {
            return null;
        }

        return new StatusListTokenTimes(
            DateTimeOffset.FromUnixTimeSeconds(issued),
            exp is { } expires ? DateTimeOffset.FromUnixTimeSeconds(expires) : null,
            ttl is { } seconds ? TimeSpan.FromSeconds(Math.Ceiling(seconds)) : null);
    }

    private static bool InRange(long seconds) => seconds >= 0 && seconds <= 253402300799; // 9999-12-31T23:59:59Z
}
