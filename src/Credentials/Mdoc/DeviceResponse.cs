using System;
using System.Collections.Generic;
using System.Formats.Cbor;
using Credentials.Mdoc.Internal;

namespace Credentials.Mdoc;

/// <summary>
/// A DeviceResponse (ISO/IEC 18013-5 §8.3.2.1.2.2): the documents the holder presents, the documents it could not
/// return, and a status. Immutable; <see cref="Encode"/> re-emits every received part verbatim.
/// </summary>
public sealed class DeviceResponse
{
    /// <summary>The only DeviceResponse version defined: <c>1.0</c>.</summary>
    public const string Version10 = "1.0";

    internal DeviceResponse(string version, IReadOnlyList<MdocDocument> documents, IReadOnlyList<KeyValuePair<string, long>> documentErrors, long status)
    {
        Version = version;
        Documents = documents;
        DocumentErrors = documentErrors;
        Status = status;
    }

    /// <summary>The version (<c>1.0</c>).</summary>
    public string Version { get; }

    /// <summary>The documents.</summary>
    public IReadOnlyList<MdocDocument> Documents { get; }

    /// <summary>The document types the holder did not return, with their error codes.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> DocumentErrors { get; }

    /// <summary>The status (0 = OK; 10 general error; 11 CBOR decoding error; 12 CBOR validation error).</summary>
    public long Status { get; }

    /// <summary>Reads a DeviceResponse from untrusted bytes; never throws. Checks structure and limits only: verify with <see cref="MdocVerifier"/>.</summary>
    /// <param name="encoded">The CBOR.</param>
    /// <param name="options">Limits; <see cref="MdocReaderOptions.Default"/> when null.</param>
    public static VerificationResult<DeviceResponse> Read(ReadOnlyMemory<byte> encoded, MdocReaderOptions? options = null)
    {
        options ??= MdocReaderOptions.Default;
        if (encoded.Length > options.MaxBytes)
        {
            return new VerificationError(MdocErrors.LimitExceeded, $"The DeviceResponse is larger than {options.MaxBytes} bytes.");
        }

        return StrictCbor.Guard(() => ReadCore(encoded, options));
    }

    private static DeviceResponse ReadCore(ReadOnlyMemory<byte> data, MdocReaderOptions options)
    {
        const string What = "The DeviceResponse";
        var reader = StrictCbor.CreateReader(data);
        var count = StrictCbor.ReadMapStart(reader, What);
        var seen = 0;
        string? version = null;
        MdocDocument[]? documents = null;
        List<KeyValuePair<string, long>>? documentErrors = null;
        long? status = null;
        for (var i = 0; i < count; i++)
        {
            var key = StrictCbor.ReadKey(reader, What);
            switch (key)
            {
                case "version":
                    StrictCbor.Seen(ref seen, 1, key, What);
                    version = StrictCbor.ReadText(reader, "version");
                    break;
                case "documents":
                {
                    StrictCbor.Seen(ref seen, 2, key, What);
                    var n = StrictCbor.ReadArrayStart(reader, "documents");
                    if (n > options.MaxDocuments)
                    {
                        throw StrictCbor.Limit($"The DeviceResponse has more than {options.MaxDocuments} documents.");
                    }

                    documents = new MdocDocument[n];
                    for (var j = 0; j < n; j++)
                    {
                        documents[j] = MdocDocument.Read(reader, data, options);
                    }

                    reader.ReadEndArray();
                    break;
                }

                case "documentErrors":
                {
                    StrictCbor.Seen(ref seen, 4, key, What);
                    var n = StrictCbor.ReadArrayStart(reader, "documentErrors");
                    if (n > options.MaxDocuments)
                    {
                        throw StrictCbor.Limit($"The DeviceResponse has more than {options.MaxDocuments} document errors.");
                    }

                    documentErrors = new List<KeyValuePair<string, long>>(n);
                    for (var j = 0; j < n; j++)
                    {
                        var m = StrictCbor.ReadMapStart(reader, "A DocumentError");
                        if (m > options.MaxDocuments)
                        {
                            throw StrictCbor.Limit("A DocumentError has too many entries.");
                        }

                        var docTypes = new HashSet<string>(StringComparer.Ordinal);
                        for (var k = 0; k < m; k++)
                        {
                            var docType = StrictCbor.ReadKey(reader, "A DocumentError");
                            StrictCbor.AddUnique(docTypes, docType, "A DocumentError");
                            documentErrors.Add(new(docType, StrictCbor.ReadInt(reader, "A document error code")));
                        }

                        reader.ReadEndMap();
                    }

                    reader.ReadEndArray();
                    break;
                }

                case "status":
                    StrictCbor.Seen(ref seen, 8, key, What);
                    status = (long)Math.Min(StrictCbor.ReadUInt(reader, "status"), long.MaxValue);
                    break;
                default:
                    throw StrictCbor.Malformed($"{What} has an unknown key.");
            }
        }

        reader.ReadEndMap();
        if (reader.BytesRemaining != 0)
        {
            throw StrictCbor.Malformed($"{What} has trailing bytes.");
        }

        if (version is null || status is null)
        {
            throw StrictCbor.Malformed($"{What} lacks version or status.");
        }

        if (version != Version10)
        {
            throw new MdocFormatException(MdocErrors.UnsupportedVersion, $"The DeviceResponse version '{version}' is not supported.");
        }

        return new DeviceResponse(version, (IReadOnlyList<MdocDocument>?)documents ?? [], (IReadOnlyList<KeyValuePair<string, long>>?)documentErrors ?? [], status.Value);
    }

    /// <summary>Encodes the DeviceResponse; received parts are written verbatim.</summary>
    public byte[] Encode()
    {
        var size = 64;
        foreach (var d in Documents)
        {
            size += d.IssuerSigned.EstimateSize() + 256;
        }

        var writer = MdocValue.NewWriter(size);
        var count = 2 + (Documents.Count == 0 ? 0 : 1) + (DocumentErrors.Count == 0 ? 0 : 1);
        writer.WriteStartMap(count);
        writer.WriteTextString("version");
        writer.WriteTextString(Version);
        if (Documents.Count != 0)
        {
            writer.WriteTextString("documents");
            writer.WriteStartArray(Documents.Count);
            foreach (var document in Documents)
            {
                document.WriteTo(writer);
            }

            writer.WriteEndArray();
        }

        if (DocumentErrors.Count != 0)
        {
            writer.WriteTextString("documentErrors");
            writer.WriteStartArray(DocumentErrors.Count);
            foreach (var (docType, code) in DocumentErrors)
            {
                writer.WriteStartMap(1);
                writer.WriteTextString(docType);
                writer.WriteInt64(code);
                writer.WriteEndMap();
            }

            writer.WriteEndArray();
        }

        writer.WriteTextString("status");
        writer.WriteInt64(Status);
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <inheritdoc />
    public override string ToString() => $"DeviceResponse({Documents.Count} documents, status {Status})";
}
