using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Formats.Cbor;
using Credentials.Mdoc.Internal;

namespace Credentials.Mdoc;

/// <summary>One document of a DeviceResponse (ISO/IEC 18013-5 §8.3.2.1.2.2 <c>Document</c>).</summary>
public sealed class MdocDocument
{
    internal MdocDocument(string docType, IssuerSigned issuerSigned, DeviceSigned? deviceSigned, IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>? errors)
    {
        DocType = docType;
        IssuerSigned = issuerSigned;
        DeviceSigned = deviceSigned;
        Errors = errors;
    }

    /// <summary>The document type.</summary>
    public string DocType { get; }

    /// <summary>The issuer-signed items and issuerAuth.</summary>
    public IssuerSigned IssuerSigned { get; }

    /// <summary>The device-signed part (the device authentication), when present.</summary>
    public DeviceSigned? DeviceSigned { get; }

    /// <summary>The elements the holder did not return, with their error codes (namespace → element → code), when present.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>? Errors { get; }

    internal static MdocDocument Read(CborReader reader, ReadOnlyMemory<byte> data, MdocReaderOptions options)
    {
        const string What = "A Document";
        var count = StrictCbor.ReadMapStart(reader, What);
        var seen = 0;
        string? docType = null;
        IssuerSigned? issuerSigned = null;
        DeviceSigned? deviceSigned = null;
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>? errors = null;
        for (var i = 0; i < count; i++)
        {
            var key = StrictCbor.ReadKey(reader, What);
            switch (key)
            {
                case "docType":
                    StrictCbor.Seen(ref seen, 1, key, What);
                    docType = StrictCbor.ReadText(reader, "docType");
                    break;
                case "issuerSigned":
                    StrictCbor.Seen(ref seen, 2, key, What);
                    issuerSigned = IssuerSigned.Read(reader, data, options);
                    break;
                case "deviceSigned":
                    StrictCbor.Seen(ref seen, 4, key, What);
                    deviceSigned = DeviceSigned.Read(reader, data, options);
                    break;
                case "errors":
                    StrictCbor.Seen(ref seen, 8, key, What);
                    errors = ReadErrors(reader, options);
                    break;
                default:
                    throw StrictCbor.Malformed($"{What} has an unknown key.");
            }
        }

        reader.ReadEndMap();
        if (docType is null || issuerSigned is null)
        {
            throw StrictCbor.Malformed($"{What} lacks docType or issuerSigned.");
        }

        return new MdocDocument(docType, issuerSigned, deviceSigned, errors);
    }

    private static ReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> ReadErrors(CborReader reader, MdocReaderOptions options)
    {
        var count = StrictCbor.ReadMapStart(reader, "Errors");
        if (count > options.MaxNamespaces)
        {
            throw StrictCbor.Limit("Errors has too many namespaces.");
        }

        var result = new OrderedDictionary<string, IReadOnlyDictionary<string, long>>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var ns = StrictCbor.ReadKey(reader, "Errors");
            var n = StrictCbor.ReadMapStart(reader, "ErrorItems");
            if (n > options.MaxElements)
            {
                throw StrictCbor.Limit("ErrorItems has too many elements.");
            }

            var items = new OrderedDictionary<string, long>(n, StringComparer.Ordinal);
            for (var j = 0; j < n; j++)
            {
                var id = StrictCbor.ReadKey(reader, "ErrorItems");
                if (!items.TryAdd(id, StrictCbor.ReadInt(reader, "An error code")))
                {
                    throw new MdocFormatException(MdocErrors.DuplicateKey, "ErrorItems has an element twice.");
                }
            }

            reader.ReadEndMap();
            if (!result.TryAdd(ns, new ReadOnlyDictionary<string, long>(items)))
            {
                throw new MdocFormatException(MdocErrors.DuplicateKey, "Errors has a namespace twice.");
            }
        }

        reader.ReadEndMap();
        return new ReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>(result);
    }

    internal void WriteTo(CborWriter writer)
    {
        var count = 2 + (DeviceSigned is null ? 0 : 1) + (Errors is null ? 0 : 1);
        writer.WriteStartMap(count);
        writer.WriteTextString("docType");
        writer.WriteTextString(DocType);
        writer.WriteTextString("issuerSigned");
        IssuerSigned.WriteTo(writer);
        if (DeviceSigned is not null)
        {
            writer.WriteTextString("deviceSigned");
            DeviceSigned.WriteTo(writer);
        }

        if (Errors is not null)
        {
            writer.WriteTextString("errors");
            writer.WriteStartMap(Errors.Count);
            foreach (var (ns, items) in Errors)
            {
                writer.WriteTextString(ns);
                writer.WriteStartMap(items.Count);
                foreach (var (id, code) in items)
                {
                    writer.WriteTextString(id);
                    writer.WriteInt64(code);
                }

                writer.WriteEndMap();
            }

            writer.WriteEndMap();
        }

        writer.WriteEndMap();
    }

    /// <inheritdoc />
    public override string ToString() => $"MdocDocument({DocType})";
}
