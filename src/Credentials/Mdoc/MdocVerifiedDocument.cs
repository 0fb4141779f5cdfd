using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography.X509Certificates;

namespace Credentials.Mdoc;

/// <summary>A verified document: its elements, each checked against the issuer-signed MSO.</summary>
public sealed class MdocVerifiedDocument
{
    internal MdocVerifiedDocument(string docType, MobileSecurityObject mso, X509Certificate2 documentSigner, IReadOnlyDictionary<string, IReadOnlyDictionary<string, MdocValue>> elements, IReadOnlyDictionary<string, IReadOnlyDictionary<string, MdocValue>> deviceSignedElements, MdocDeviceAuthenticationKind deviceAuthentication)
    {
        DocType = docType;
        MobileSecurityObject = mso;
        DocumentSigner = documentSigner;
        Elements = elements;
        DeviceSignedElements = deviceSignedElements;
        DeviceAuthentication = deviceAuthentication;
    }

    /// <summary>The document type.</summary>
    public string DocType { get; }

    /// <summary>The verified Mobile Security Object (validity, device key, digests).</summary>
    public MobileSecurityObject MobileSecurityObject { get; }

    /// <summary>The document-signer certificate that signed the MSO.</summary>
    public X509Certificate2 DocumentSigner { get; }

    /// <summary>The verified issuer-signed elements: namespace → element identifier → value, in received order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, MdocValue>> Elements { get; }

    /// <summary>The device-signed elements (authenticated by the device key, not by the issuer), usually empty.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, MdocValue>> DeviceSignedElements { get; }

    /// <summary>How the document was bound to the session.</summary>
    public MdocDeviceAuthenticationKind DeviceAuthentication { get; }

    /// <summary>A verified issuer-signed element.</summary>
    /// <param name="nameSpace">The namespace.</param>
    /// <param name="elementIdentifier">The element identifier.</param>
    /// <param name="value">Its value.</param>
    public bool TryGetElement(string nameSpace, string elementIdentifier, [NotNullWhen(true)] out MdocValue? value)
    {
        ArgumentNullException.ThrowIfNull(nameSpace);
        ArgumentNullException.ThrowIfNull(elementIdentifier);
        value = null;
        return Elements.TryGetValue(nameSpace, out var ns) && ns.TryGetValue(elementIdentifier, out value);
    }

    /// <inheritdoc />
    public override string ToString() => $"MdocVerifiedDocument({DocType})";
}
