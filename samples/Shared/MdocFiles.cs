using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credentials.Mdoc.Certificates;

namespace Credentials.Samples;

/// <summary>The files of the mdoc commands: base64url CBOR (IssuerSigned, DeviceResponse) and PEM IACA certificates.</summary>
public static class MdocFiles
{
    /// <summary>
    /// Whether <paramref name="text"/> is an mdoc structure: base64url (so no <c>~</c>, <c>.</c> or JSON, unlike an SD-JWT,
    /// a JWS or a JSON credential) whose CBOR starts with a map, as an IssuerSigned or a DeviceResponse does.
    /// </summary>
    public static bool LooksLikeMdoc(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length < 8 || !Base64Url.IsValid(trimmed))
        {
            return false;
        }

        Span<byte> head = stackalloc byte[3];
        return Base64Url.DecodeFromChars(trimmed[..4], head, out _, out var written) == System.Buffers.OperationStatus.Done
            && written > 0 && (head[0] >> 5) == 5;
    }

    /// <summary>The IACA certificates of a PEM file given with <paramref name="option"/> (the caller disposes them).</summary>
    /// <exception cref="CliException">The file is missing or holds no PEM certificate.</exception>
    public static IReadOnlyList<X509Certificate2> ReadTrustAnchors(string path, string option = "--trust")
    {
        var text = CliFiles.ReadAllText(path, "IACA certificate");
        try
        {
            var anchors = MdocCertificates.ParsePemBundle(text);
            return anchors.Count > 0 ? anchors : throw new ArgumentException("no certificate in the file");
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            throw new CliException(CliErrors.InvalidOption(
                option,
                $"'{path}' holds no PEM certificate: {CliErrors.Reason(ex)}",
                $"For an mdoc, {option} is the IACA certificate (PEM, from 'issuer iaca create')."), ex);
        }
    }
}
