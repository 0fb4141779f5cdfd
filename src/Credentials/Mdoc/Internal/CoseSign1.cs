using System;
using System.Collections.Generic;
using System.Formats.Cbor;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Keys;

namespace Credentials.Mdoc.Internal;

/// <summary>
/// A COSE_Sign1 (RFC 9052 section 4.2) or COSE_Mac0 (section 6.2) as received: the protected header bytes, the
/// algorithm from it, the x5chain (RFC 9360, label 33) from either bucket, the payload (absent when detached) and the
/// signature or tag. All byte fields are slices of the input.
/// </summary>
internal sealed class CoseMessage
{
    public const int HeaderAlg = 1;
    public const int HeaderCrit = 2;
    public const int HeaderKid = 4;
    public const int HeaderX5Chain = 33;
    public const int AlgHmac256 = 5;

    private CoseMessage(ReadOnlyMemory<byte> encoded, ReadOnlyMemory<byte> protectedHeader, long? algorithm, IReadOnlyList<ReadOnlyMemory<byte>> x5chain, ReadOnlyMemory<byte>? payload, ReadOnlyMemory<byte> signature)
    {
        Encoded = encoded;
        ProtectedHeader = protectedHeader;
        Algorithm = algorithm;
        X5Chain = x5chain;
        Payload = payload;
        Signature = signature;
    }

    public ReadOnlyMemory<byte> Encoded { get; }

    public ReadOnlyMemory<byte> ProtectedHeader { get; }

    public long? Algorithm { get; }

    public IReadOnlyList<ReadOnlyMemory<byte>> X5Chain { get; }

    public ReadOnlyMemory<byte>? Payload { get; }

    public ReadOnlyMemory<byte> Signature { get; }

    /// <summary>Reads a COSE_Sign1/COSE_Mac0 at the reader's position (an optional tag 18/17 is accepted).</summary>
    public static CoseMessage Read(CborReader reader, ReadOnlyMemory<byte> data, int maxCertificates, string what)
    {
        var start = StrictCbor.Offset(data, reader);
        if (reader.PeekState() == CborReaderState.Tag)
        {
            var tag = reader.ReadTag();
            if ((ulong)tag is not (18 or 17))
            {
                throw StrictCbor.Malformed($"{what} has an unexpected tag.");
            }
        }

        if (StrictCbor.ReadArrayStart(reader, what) != 4)
        {
            throw StrictCbor.Malformed($"{what} is not an array of four.");
        }

        var protectedHeader = StrictCbor.ReadBytes(reader, $"The protected header of {what}");
        long? alg = null;
        List<ReadOnlyMemory<byte>>? chain = null;
        if (!protectedHeader.IsEmpty)
        {
            var headerReader = StrictCbor.CreateReader(protectedHeader);
            ReadHeaderMap(headerReader, protectedHeader, ref alg, ref chain, maxCertificates, isProtected: true, what);
            if (headerReader.BytesRemaining != 0)
            {
                throw StrictCbor.Malformed($"The protected header of {what} has trailing bytes.");
            }
        }

        long? unprotectedAlg = null;
        ReadHeaderMap(reader, data, ref unprotectedAlg, ref chain, maxCertificates, isProtected: false, what);
        ReadOnlyMemory<byte>? payload = null;
        if (reader.PeekState() == CborReaderState.Null)
        {
            reader.ReadNull();
        }
        else
        {
            payload = StrictCbor.ReadBytes(reader, $"The payload of {what}");
        }

        var signature = StrictCbor.ReadBytes(reader, $"The signature of {what}");
        reader.ReadEndArray();
        var end = StrictCbor.Offset(data, reader);
        return new CoseMessage(data[start..end], protectedHeader, alg, (IReadOnlyList<ReadOnlyMemory<byte>>?)chain ?? [], payload, signature);
    }

    private static void ReadHeaderMap(CborReader reader, ReadOnlyMemory<byte> data, ref long? alg, ref List<ReadOnlyMemory<byte>>? chain, int maxCertificates, bool isProtected, string what)
    {
        var count = StrictCbor.ReadMapStart(reader, $"A header of {what}");
        var labels = new HashSet<ReadOnlyMemory<byte>>(StrictCbor.ByteMemoryComparer.Instance);
        for (var i = 0; i < count; i++)
        {
            var keyStart = StrictCbor.Offset(data, reader);
            var state = reader.PeekState();
            long? label = state is CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger ? StrictCbor.ReadInt(reader, "A header label") : null;
            if (label is null)
            {
                StrictCbor.ReadText(reader, "A header label");
            }

            if (!labels.Add(data[keyStart..StrictCbor.Offset(data, reader)]))
            {
                throw new MdocFormatException(MdocErrors.DuplicateKey, $"A header of {what} has a label twice.");
            }

            switch (label)
            {
                case HeaderAlg when isProtected:
                    // RFC 9052 section 3.1: alg is an int or a tstr; only int algorithms are defined for mdoc.
                    if (reader.PeekState() is CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger)
                    {
                        alg = StrictCbor.ReadInt(reader, "The alg header");
                    }
                    else
                    {
                        throw new MdocFormatException(MdocErrors.UnsupportedAlgorithm, $"The alg header of {what} is not an integer.");
                    }

                    break;
                case HeaderCrit when isProtected:
                    // RFC 9052 section 3.1: a recipient must understand every critical header; none is defined here.
                    throw new MdocFormatException(MdocErrors.MalformedCbor, $"{what} has critical headers, which are not supported.");
                case HeaderX5Chain:
                    if (chain is not null)
                    {
                        throw StrictCbor.Malformed($"{what} has x5chain in both header buckets.");
                    }

                    chain = [];
                    if (reader.PeekState() == CborReaderState.StartArray)
                    {
                        var n = StrictCbor.ReadArrayStart(reader, "x5chain");
                        if (n == 0 || n > maxCertificates)
                        {
                            throw StrictCbor.Limit($"x5chain must have between 1 and {maxCertificates} certificates.");
                        }

                        for (var c = 0; c < n; c++)
                        {
                            chain.Add(StrictCbor.ReadBytes(reader, "An x5chain certificate"));
                        }

                        reader.ReadEndArray();
                    }
                    else
                    {
                        chain.Add(StrictCbor.ReadBytes(reader, "x5chain"));
                    }

                    break;
                default:
                    StrictCbor.SkipChecked(reader, data, 0, 8, 64);
                    break;
            }
        }

        reader.ReadEndMap();
    }

    /// <summary>The COSE Sig_structure <c>["Signature1", protected, h'', payload]</c> (RFC 9052 section 4.4).</summary>
    public static byte[] SigStructure(ReadOnlySpan<byte> protectedHeader, ReadOnlySpan<byte> payload) => ToBeAuthenticated("Signature1", protectedHeader, payload);

    /// <summary>The COSE MAC_structure <c>["MAC0", protected, h'', payload]</c> (RFC 9052 section 6.3).</summary>
    public static byte[] MacStructure(ReadOnlySpan<byte> protectedHeader, ReadOnlySpan<byte> payload) => ToBeAuthenticated("MAC0", protectedHeader, payload);

    private static byte[] ToBeAuthenticated(string context, ReadOnlySpan<byte> protectedHeader, ReadOnlySpan<byte> payload)
    {
        var writer = new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false, allowMultipleRootLevelValues: false, initialCapacity: payload.Length + protectedHeader.Length + 32);
        writer.WriteStartArray(4);
        writer.WriteTextString(context);
        writer.WriteByteString(protectedHeader);
        writer.WriteByteString([]);
        writer.WriteByteString(payload);
        writer.WriteEndArray();
        return writer.Encode();
    }

    /// <summary>The encoded protected header <c>{1: alg}</c>.</summary>
    public static byte[] ProtectedAlgHeader(long alg)
    {
        var writer = new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false, initialCapacity: 8);
        writer.WriteStartMap(1);
        writer.WriteInt32(HeaderAlg);
        writer.WriteInt64(alg);
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>Signs and writes a COSE_Sign1 (untagged) with <c>{1: alg}</c> protected, an x5chain unprotected when given, and the payload attached or detached.</summary>
    public static async ValueTask<byte[]> SignAsync(ISigner signer, IReadOnlyList<byte[]>? x5chain, ReadOnlyMemory<byte> payload, bool detached, CancellationToken cancellationToken)
    {
        var alg = CoseAlgorithmMap.FromJws(signer.Algorithm);
        var protectedHeader = ProtectedAlgHeader(alg);
        var toSign = SigStructure(protectedHeader, payload.Span);
        var signature = await signer.SignAsync(toSign, cancellationToken).ConfigureAwait(false);
        if (signature.Length != signer.Algorithm.SignatureSize)
        {
            throw new InvalidOperationException($"The signer returned a {signature.Length}-byte signature; {signer.Algorithm.Name} needs {signer.Algorithm.SignatureSize} (raw r||s for ECDSA).");
        }

        var writer = new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false, initialCapacity: payload.Length + 1024);
        writer.WriteStartArray(4);
        writer.WriteByteString(protectedHeader);
        if (x5chain is null || x5chain.Count == 0)
        {
            writer.WriteStartMap(0);
        }
        else
        {
            writer.WriteStartMap(1);
            writer.WriteInt32(HeaderX5Chain);

            // RFC 9360 section 2: one certificate is a bstr, several are an array (leaf first).
            if (x5chain.Count == 1)
            {
                writer.WriteByteString(x5chain[0]);
            }
            else
            {
                writer.WriteStartArray(x5chain.Count);
                foreach (var cert in x5chain)
                {
                    writer.WriteByteString(cert);
                }

                writer.WriteEndArray();
            }
        }

        writer.WriteEndMap();
        if (detached)
        {
            writer.WriteNull();
        }
        else
        {
            writer.WriteByteString(payload.Span);
        }

        writer.WriteByteString(signature);
        writer.WriteEndArray();
        return writer.Encode();
    }
}
