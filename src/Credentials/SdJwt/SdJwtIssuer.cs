using System;
using System.Buffers;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Internal;
using Credentials.Jose;
using Credentials.Keys;

namespace Credentials.SdJwt;

/// <summary>
/// Issues SD-JWTs (RFC 9901 section 4 and 5.1): builds disclosures for the disclosable parts of a payload, replaces
/// them with salted digests (sorted, so the original order is hidden), adds decoys and the holder key, and signs.
/// Stateless and thread-safe after construction.
/// </summary>
public sealed class SdJwtIssuer
{
    private readonly SdJwtIssuerOptions _options;
    private readonly ISigner _signer;
    private EncodedHeader? _header;

    /// <summary>Creates an issuer.</summary>
    /// <param name="signer">The issuer's signer.</param>
    /// <param name="options">Options.</param>
    /// <exception cref="ArgumentException">An option is null, or an extra header is one the library sets itself or refuses (<c>alg</c>, a repeated <c>typ</c> or <c>kid</c>, <c>b64</c>, <c>zip</c>).</exception>
    public SdJwtIssuer(ISigner signer, SdJwtIssuerOptions? options = null)
    {
        options ??= new SdJwtIssuerOptions();
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(options.HashAlgorithm);
        ArgumentNullException.ThrowIfNull(options.SaltGenerator);
        ArgumentNullException.ThrowIfNull(signer.Algorithm, nameof(signer));

        // The header is encoded once here so that a bad extra header (alg, a repeated typ or kid, b64, zip) is reported
        // at construction, not at the first issuance.
        _header = new EncodedHeader(signer.Algorithm, signer.KeyId, JwsWriter.EncodeHeader(signer, options.Type, options.ExtraHeaders));
        _options = options;
        _signer = signer;
    }

    /// <summary>Issues an SD-JWT.</summary>
    /// <param name="payload">The payload description.</param>
    /// <param name="holderKey">The holder's public key, written as <c>cnf.jwk</c> (RFC 7800) to enable key binding.</param>
    /// <param name="cancellationToken">Cancels remote signing.</param>
    /// <returns>The issued SD-JWT with all disclosures.</returns>
    /// <exception cref="ArgumentException">The holder key contains a private key, or the payload already has <c>cnf</c>.</exception>
    public async ValueTask<SdJwtToken> IssueAsync(SdObject payload, Jwk? holderKey = null, CancellationToken cancellationToken = default)
    {
        var (payloadBytes, disclosures) = BuildPayload(payload, holderKey);
        var jwt = await JwsWriter.SignCompactAsync(_signer, Header(), payloadBytes, cancellationToken).ConfigureAwait(false);
        return new SdJwtToken(jwt, disclosures, null);
    }

    // The protected header is the same for every token this issuer signs; it is encoded again only if the signer
    // reports another algorithm or key id (a remote signer may rotate keys).
    private byte[] Header()
    {
        var cached = _header;
        if (cached is null || !ReferenceEquals(cached.Algorithm, _signer.Algorithm) || !string.Equals(cached.KeyId, _signer.KeyId, StringComparison.Ordinal))
        {
            _header = cached = new EncodedHeader(_signer.Algorithm, _signer.KeyId, JwsWriter.EncodeHeader(_signer, _options.Type, _options.ExtraHeaders));
        }

        return cached.Json;
    }

    /// <summary>Builds the payload bytes and disclosures without signing.</summary>
    internal (ReadOnlyMemory<byte> Payload, ImmutableArray<Disclosure> Disclosures) BuildPayload(SdObject payload, Jwk? holderKey)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (holderKey is not null && holderKey.HasPrivateKey)
        {
            throw new ArgumentException("The holder key must be a public key.", nameof(holderKey));
        }

        if (holderKey is not null && payload.Contains("cnf"))
        {
            throw new ArgumentException("The payload already has 'cnf'; pass the holder key in one place.", nameof(holderKey));
        }

        var disclosures = ImmutableArray.CreateBuilder<Disclosure>();
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            WriteObject(writer, payload, disclosures, topLevel: true, holderKey);
        }

        return (buffer.WrittenMemory, disclosures.ToImmutable());
    }

    private void WriteObject(Utf8JsonWriter writer, SdObject obj, ImmutableArray<Disclosure>.Builder disclosures, bool topLevel, Jwk? holderKey)
    {
        writer.WriteStartObject();
        List<string>? digests = null;
        foreach (var entry in obj.Entries)
        {
            if (entry.Disclosable)
            {
                var disclosure = CreateDisclosure(entry.Name, entry.Value, disclosures);
                disclosures.Add(disclosure);
                (digests ??= []).Add(disclosure.ComputeDigest(_options.HashAlgorithm));
            }
            else
            {
                writer.WritePropertyName(entry.Name!);
                WriteValue(writer, entry.Value, disclosures);
            }
        }

        for (var i = 0; i < obj.DecoyCount; i++)
        {
            (digests ??= []).Add(NewDecoyDigest());
        }

        if (digests is not null)
        {
            // RFC 9901 section 4.2.4.1: hide the original order; sorting does so deterministically.
            digests.Sort(StringComparer.Ordinal);
            writer.WriteStartArray("_sd");
            foreach (var digest in digests)
            {
                writer.WriteStringValue(digest);
            }

            writer.WriteEndArray();
        }

        if (topLevel)
        {
            // RFC 9901 section 4.1.1: _sd_alg names the hash algorithm at the top level of the payload.
            writer.WriteString("_sd_alg", _options.HashAlgorithm.Name);
            if (holderKey is not null)
            {
                // RFC 9901 section 4.1.2: the holder's public key in the cnf claim (RFC 7800).
                writer.WriteStartObject("cnf");
                writer.WritePropertyName("jwk");
                holderKey.WriteTo(writer);
                writer.WriteEndObject();
            }
        }

        writer.WriteEndObject();
    }

    private void WriteArray(Utf8JsonWriter writer, SdArray array, ImmutableArray<Disclosure>.Builder disclosures)
    {
        var count = array.Elements.Count + array.DecoyCount;
        var decoyAt = new bool[count];
        for (var placed = 0; placed < array.DecoyCount;)
        {
            var position = RandomNumberGenerator.GetInt32(count);
            if (!decoyAt[position])
            {
                decoyAt[position] = true;
                placed++;
            }
        }

        writer.WriteStartArray();
        var next = 0;
        for (var i = 0; i < count; i++)
        {
            if (decoyAt[i])
            {
                WriteArrayDigest(writer, NewDecoyDigest());
                continue;
            }

            var element = array.Elements[next++];
            if (element.Disclosable)
            {
                // RFC 9901 section 4.2.4.2: a disclosable array element becomes {"...": digest}.
                var disclosure = CreateDisclosure(null, element.Value, disclosures);
                disclosures.Add(disclosure);
                WriteArrayDigest(writer, disclosure.ComputeDigest(_options.HashAlgorithm));
            }
            else
            {
                WriteValue(writer, element.Value, disclosures);
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteArrayDigest(Utf8JsonWriter writer, string digest)
    {
        writer.WriteStartObject();
        writer.WriteString("...", digest);
        writer.WriteEndObject();
    }

    private void WriteValue(Utf8JsonWriter writer, SdValue value, ImmutableArray<Disclosure>.Builder disclosures)
    {
        if (value.Object is not null)
        {
            WriteObject(writer, value.Object, disclosures, topLevel: false, holderKey: null);
        }
        else if (value.Array is not null)
        {
            WriteArray(writer, value.Array, disclosures);
        }
        else if (value.Node is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            value.Node.WriteTo(writer);
        }
    }

    private Disclosure CreateDisclosure(string? claimName, SdValue value, ImmutableArray<Disclosure>.Builder disclosures)
    {
        // A nested structure is rendered first (its own disclosures are created on the way); a plain value is written
        // straight into the disclosure array.
        var nested = value.Object is not null || value.Array is not null ? RenderValue(value, disclosures) : null;
        var salt = _options.SaltGenerator.NewSalt();

        // A disclosure is written, encoded and hashed before the next one starts, so one scratch writer serves them all.
        using var scratch = ScratchJsonWriter.Rent();
        var writer = scratch.Writer;
        writer.WriteStartArray();
        writer.WriteStringValue(salt);
        if (claimName is not null)
        {
            writer.WriteStringValue(claimName);
        }

        if (nested is not null)
        {
            writer.WriteRawValue(nested, skipInputValidation: true);
        }
        else
        {
            WriteValue(writer, value, disclosures);
        }

        writer.WriteEndArray();
        writer.Flush();
        return Disclosure.Encode(scratch.Written, salt, claimName, _options.HashAlgorithm);
    }

    private byte[] RenderValue(SdValue value, ImmutableArray<Disclosure>.Builder disclosures)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            WriteValue(writer, value, disclosures);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private string NewDecoyDigest()
    {
        // RFC 9901 section 4.2.5: a decoy digest is the hash of a cryptographically random number.
        Span<byte> random = stackalloc byte[32];
        RandomPool.Fill(random);
        Span<byte> digest = stackalloc byte[_options.HashAlgorithm.HashSize];
        _options.HashAlgorithm.Hash(random, digest);
        return StrictBase64Url.Encode(digest);
    }

    private sealed record EncodedHeader(JwsAlgorithm Algorithm, string? KeyId, byte[] Json);
}
