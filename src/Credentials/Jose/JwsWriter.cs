using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Internal;
using Credentials.Keys;

namespace Credentials.Jose;

/// <summary>Creates compact JWS tokens (RFC 7515 section 7.1) with an <see cref="ISigner"/>.</summary>
public static class JwsWriter
{
    /// <summary>
    /// Signs a payload. The header carries <c>alg</c> (from the signer), <c>typ</c> when given, <c>kid</c> from the
    /// signer when it has one, and any extra parameters.
    /// </summary>
    /// <param name="signer">The signer.</param>
    /// <param name="payloadUtf8">The payload bytes (usually UTF-8 JSON).</param>
    /// <param name="type">The <c>typ</c> header, for example <c>dc+sd-jwt</c>.</param>
    /// <param name="extraHeaders">Further header parameters (for example <c>x5c</c>); must not repeat <c>alg</c>, <c>typ</c> or <c>kid</c>.</param>
    /// <param name="cancellationToken">Cancels remote signing.</param>
    /// <returns>The compact serialization.</returns>
    /// <exception cref="ArgumentException"><paramref name="extraHeaders"/> repeats a parameter set from other arguments.</exception>
    public static async ValueTask<string> SignCompactAsync(
        ISigner signer,
        ReadOnlyMemory<byte> payloadUtf8,
        string? type = null,
        IReadOnlyDictionary<string, JsonNode?>? extraHeaders = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return await SignCompactAsync(signer, EncodeHeader(signer, type, extraHeaders), payloadUtf8, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Signs a payload under a header already encoded as JSON (an issuer reuses one for every token).</summary>
    internal static async ValueTask<string> SignCompactAsync(ISigner signer, byte[] header, ReadOnlyMemory<byte> payloadUtf8, CancellationToken cancellationToken)
    {
        var (signingInput, length) = BuildSigningInput(header, payloadUtf8.Span, signer.Algorithm.SignatureSize);
        try
        {
            var signature = await signer.SignAsync(signingInput.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            return Finish(signingInput, length, signature);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(signingInput);
        }
    }

    /// <summary>Signs synchronously with an in-memory key (no I/O).</summary>
    /// <param name="key">The key.</param>
    /// <param name="payloadUtf8">The payload bytes.</param>
    /// <param name="type">The <c>typ</c> header.</param>
    /// <param name="extraHeaders">Further header parameters.</param>
    /// <returns>The compact serialization.</returns>
    public static string SignCompact(SigningKey key, ReadOnlySpan<byte> payloadUtf8, string? type = null, IReadOnlyDictionary<string, JsonNode?>? extraHeaders = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var header = EncodeHeader(key, type, extraHeaders);
        var (signingInput, length) = BuildSigningInput(header, payloadUtf8, key.Algorithm.SignatureSize);
        try
        {
            Span<byte> signature = stackalloc byte[key.Algorithm.SignatureSize];
            key.Sign(signingInput.AsSpan(0, length), signature);
            return Finish(signingInput, length, signature);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(signingInput);
        }
    }

    internal static byte[] EncodeHeader(ISigner signer, string? type, IReadOnlyDictionary<string, JsonNode?>? extraHeaders)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("alg", signer.Algorithm.Name);
            if (type is not null)
            {
                writer.WriteString("typ", type);
            }

            if (signer.KeyId is not null)
            {
                writer.WriteString("kid", signer.KeyId);
            }

            if (extraHeaders is not null)
            {
                foreach (var (name, value) in extraHeaders)
                {
                    if (name is "alg" || (name is "typ" && type is not null) || (name is "kid" && signer.KeyId is not null))
                    {
                        throw new ArgumentException($"The header parameter '{name}' is already set.", nameof(extraHeaders));
                    }

                    if (Jws.IsUnsupportedHeader(name))
                    {
                        // Readers of this library refuse them (RFC 7797 b64, JWE-only zip): never write one.
                        throw new ArgumentException($"The header parameter '{name}' is not supported in a JWS.", nameof(extraHeaders));
                    }

                    writer.WritePropertyName(name);
                    if (value is null)
                    {
                        writer.WriteNullValue();
                    }
                    else
                    {
                        value.WriteTo(writer);
                    }
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    // The signing input is written with room for ".signature" after it, so the token is assembled in one buffer and
    // becomes a string with a single copy.
    private static (byte[] Buffer, int Length) BuildSigningInput(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload, int signatureSize)
    {
        var headerLength = Base64Url.GetEncodedLength(header.Length);
        var payloadLength = Base64Url.GetEncodedLength(payload.Length);
        var length = headerLength + 1 + payloadLength;
        var buffer = ArrayPool<byte>.Shared.Rent(length + 1 + Base64Url.GetEncodedLength(signatureSize));
        Base64Url.EncodeToUtf8(header, buffer);
        buffer[headerLength] = (byte)'.';
        Base64Url.EncodeToUtf8(payload, buffer.AsSpan(headerLength + 1));
        return (buffer, length);
    }

    private static string Finish(byte[] buffer, int signingInputLength, ReadOnlySpan<byte> signature)
    {
        var signatureLength = Base64Url.GetEncodedLength(signature.Length);
        if (buffer.Length < signingInputLength + 1 + signatureLength)
        {
            // Only a remote signer returning a longer signature than its algorithm's size gets here.
            var grown = new byte[signingInputLength + 1 + signatureLength];
            buffer.AsSpan(0, signingInputLength).CopyTo(grown);
            buffer = grown;
        }

        buffer[signingInputLength] = (byte)'.';
        Base64Url.EncodeToUtf8(signature, buffer.AsSpan(signingInputLength + 1));
        return Encoding.ASCII.GetString(buffer, 0, signingInputLength + 1 + signatureLength);
    }
}
