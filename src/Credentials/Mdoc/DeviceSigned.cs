using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Formats.Cbor;
using Credentials.Mdoc.Internal;

namespace Credentials.Mdoc;

/// <summary>
/// The device-signed part of a presented document (ISO/IEC 18013-5 §8.3.2.1.2.2 <c>DeviceSigned</c>): the
/// <c>DeviceNameSpacesBytes</c> as received and the device authentication: a COSE_Sign1 device signature or a
/// COSE_Mac0 device MAC, both with a detached payload (the DeviceAuthenticationBytes).
/// </summary>
public sealed class DeviceSigned
{
    internal DeviceSigned(ReadOnlyMemory<byte> nameSpacesBytes, IReadOnlyDictionary<string, IReadOnlyDictionary<string, MdocValue>> nameSpaces, CoseMessage? signature, CoseMessage? mac)
    {
        NameSpacesBytes = nameSpacesBytes;
        NameSpaces = nameSpaces;
        SignatureMessage = signature;
        MacMessage = mac;
    }

    /// <summary><c>DeviceNameSpacesBytes</c> (<c>#6.24(bstr .cbor DeviceNameSpaces)</c>) as received.</summary>
    public ReadOnlyMemory<byte> NameSpacesBytes { get; }

    /// <summary>The device-signed elements: namespace → element identifier → value (usually empty).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, MdocValue>> NameSpaces { get; }

    /// <summary>The <c>deviceSignature</c> COSE_Sign1 as received, when the document is authenticated by signature.</summary>
    public ReadOnlyMemory<byte>? DeviceSignature => SignatureMessage?.Encoded;

    /// <summary>The <c>deviceMac</c> COSE_Mac0 as received, when the document is authenticated by MAC.</summary>
    public ReadOnlyMemory<byte>? DeviceMac => MacMessage?.Encoded;

    internal CoseMessage? SignatureMessage { get; }

    internal CoseMessage? MacMessage { get; }

    /// <summary>The empty <c>DeviceNameSpacesBytes</c>: <c>#6.24(bstr .cbor {})</c>.</summary>
    internal static byte[] EmptyNameSpacesBytes { get; } = [0xd8, 0x18, 0x41, 0xa0];

    internal static DeviceSigned Read(CborReader reader, ReadOnlyMemory<byte> data, MdocReaderOptions options)
    {
        const string What = "The DeviceSigned";
        var count = StrictCbor.ReadMapStart(reader, What);
        var seen = 0;
        ReadOnlyMemory<byte>? nameSpacesBytes = null;
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, MdocValue>>? nameSpaces = null;
        CoseMessage? signature = null;
        CoseMessage? mac = null;
        for (var i = 0; i < count; i++)
        {
            var key = StrictCbor.ReadKey(reader, What);
            switch (key)
            {
                case "nameSpaces":
                {
                    StrictCbor.Seen(ref seen, 1, key, What);
                    var start = StrictCbor.Offset(data, reader);
                    var embedded = StrictCbor.ReadTag24(reader, "DeviceNameSpacesBytes");
                    nameSpacesBytes = data[start..StrictCbor.Offset(data, reader)];
                    nameSpaces = ReadDeviceNameSpaces(embedded, options);
                    break;
                }

                case "deviceAuth":
                {
                    StrictCbor.Seen(ref seen, 2, key, What);
                    var n = StrictCbor.ReadMapStart(reader, "DeviceAuth");
                    if (n != 1)
                    {
                        // §8.3.2.1.2.2: DeviceAuth is deviceSignature or deviceMac, exactly one.
                        throw StrictCbor.Malformed("DeviceAuth must hold exactly one of deviceSignature and deviceMac.");
                    }

                    var kind = StrictCbor.ReadKey(reader, "DeviceAuth");
                    if (kind == "deviceSignature")
                    {
                        signature = CoseMessage.Read(reader, data, options.MaxCertificates, "The deviceSignature");
                    }
                    else if (kind == "deviceMac")
                    {
                        mac = CoseMessage.Read(reader, data, options.MaxCertificates, "The deviceMac");
                    }
                    else
                    {
                        throw StrictCbor.Malformed("DeviceAuth has an unknown key.");
                    }

                    reader.ReadEndMap();
                    break;
                }

                default:
                    throw StrictCbor.Malformed($"{What} has an unknown key.");
            }
        }

        reader.ReadEndMap();
        if (nameSpacesBytes is null || nameSpaces is null || (signature is null && mac is null))
        {
            throw StrictCbor.Malformed($"{What} lacks nameSpaces or deviceAuth.");
        }

        return new DeviceSigned(nameSpacesBytes.Value, nameSpaces, signature, mac);
    }

    private static ReadOnlyDictionary<string, IReadOnlyDictionary<string, MdocValue>> ReadDeviceNameSpaces(ReadOnlyMemory<byte> data, MdocReaderOptions options)
    {
        var reader = StrictCbor.CreateReader(data);
        var count = StrictCbor.ReadMapStart(reader, "DeviceNameSpaces");
        if (count > options.MaxNamespaces)
        {
            throw StrictCbor.Limit($"DeviceNameSpaces has more than {options.MaxNamespaces} namespaces.");
        }

        var result = new OrderedDictionary<string, IReadOnlyDictionary<string, MdocValue>>(count, StringComparer.Ordinal);
        var total = 0;
        for (var i = 0; i < count; i++)
        {
            var ns = StrictCbor.ReadKey(reader, "DeviceNameSpaces");
            var n = StrictCbor.ReadMapStart(reader, "DeviceSignedItems");
            total += n;
            if (total > options.MaxElements)
            {
                throw StrictCbor.Limit($"DeviceNameSpaces has more than {options.MaxElements} elements.");
            }

            var items = new OrderedDictionary<string, MdocValue>(n, StringComparer.Ordinal);
            for (var j = 0; j < n; j++)
            {
                var id = StrictCbor.ReadKey(reader, "DeviceSignedItems");
                var start = StrictCbor.Offset(data, reader);
                StrictCbor.SkipChecked(reader, data, 0, options.MaxDepth, options.MaxEntries);
                if (!items.TryAdd(id, new MdocValue(data[start..StrictCbor.Offset(data, reader)])))
                {
                    throw new MdocFormatException(MdocErrors.DuplicateKey, "DeviceSignedItems has an element twice.");
                }
            }

            reader.ReadEndMap();
            if (!result.TryAdd(ns, new ReadOnlyDictionary<string, MdocValue>(items)))
            {
                throw new MdocFormatException(MdocErrors.DuplicateKey, "DeviceNameSpaces has a namespace twice.");
            }
        }

        reader.ReadEndMap();
        if (reader.BytesRemaining != 0)
        {
            throw StrictCbor.Malformed("DeviceNameSpaces has trailing bytes.");
        }

        return new ReadOnlyDictionary<string, IReadOnlyDictionary<string, MdocValue>>(result);
    }

    internal void WriteTo(CborWriter writer)
    {
        writer.WriteStartMap(2);
        writer.WriteTextString("nameSpaces");
        writer.WriteEncodedValue(NameSpacesBytes.Span);
        writer.WriteTextString("deviceAuth");
        writer.WriteStartMap(1);
        if (SignatureMessage is not null)
        {
            writer.WriteTextString("deviceSignature");
            writer.WriteEncodedValue(SignatureMessage.Encoded.Span);
        }
        else
        {
            writer.WriteTextString("deviceMac");
            writer.WriteEncodedValue(MacMessage!.Encoded.Span);
        }

        writer.WriteEndMap();
        writer.WriteEndMap();
    }

    /// <inheritdoc />
    public override string ToString() => $"DeviceSigned({(SignatureMessage is not null ? "deviceSignature" : "deviceMac")})";
}
