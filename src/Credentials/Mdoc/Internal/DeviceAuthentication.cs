using System;
using System.Formats.Cbor;

namespace Credentials.Mdoc.Internal;

/// <summary>The byte strings that device and reader authentication sign or MAC (ISO/IEC 18013-5 §9.1.3.4, §9.1.4.4).</summary>
internal static class DeviceAuthentication
{
    /// <summary><c>DeviceAuthenticationBytes</c> = <c>#6.24(bstr .cbor ["DeviceAuthentication", SessionTranscript, DocType, DeviceNameSpacesBytes])</c>.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> sessionTranscript, string docType, ReadOnlySpan<byte> deviceNameSpacesBytes)
    {
        var inner = MdocValue.NewWriter(sessionTranscript.Length + deviceNameSpacesBytes.Length + docType.Length + 48);
        inner.WriteStartArray(4);
        inner.WriteTextString("DeviceAuthentication");
        inner.WriteEncodedValue(sessionTranscript);
        inner.WriteTextString(docType);
        inner.WriteEncodedValue(deviceNameSpacesBytes);
        inner.WriteEndArray();
        return Tag24(inner.Encode());
    }

    /// <summary><c>ReaderAuthenticationBytes</c> = <c>#6.24(bstr .cbor ["ReaderAuthentication", SessionTranscript, ItemsRequestBytes])</c>.</summary>
    public static byte[] EncodeReader(ReadOnlySpan<byte> sessionTranscript, ReadOnlySpan<byte> itemsRequestBytes)
    {
        var inner = MdocValue.NewWriter(sessionTranscript.Length + itemsRequestBytes.Length + 48);
        inner.WriteStartArray(3);
        inner.WriteTextString("ReaderAuthentication");
        inner.WriteEncodedValue(sessionTranscript);
        inner.WriteEncodedValue(itemsRequestBytes);
        inner.WriteEndArray();
        return Tag24(inner.Encode());
    }

    public static byte[] Tag24(ReadOnlySpan<byte> content)
    {
        var outer = MdocValue.NewWriter(content.Length + 8);
        outer.WriteTag(CborTag.EncodedCborDataItem);
        outer.WriteByteString(content);
        return outer.Encode();
    }
}
