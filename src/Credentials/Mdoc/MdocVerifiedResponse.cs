using System.Collections.Generic;

namespace Credentials.Mdoc;

/// <summary>A verified DeviceResponse (or, from <see cref="MdocVerifier.VerifyIssuerSigned"/>, one issuer-signed document).</summary>
public sealed class MdocVerifiedResponse
{
    internal MdocVerifiedResponse(IReadOnlyList<MdocVerifiedDocument> documents, IReadOnlyList<KeyValuePair<string, long>> documentErrors, long status)
    {
        Documents = documents;
        DocumentErrors = documentErrors;
        Status = status;
    }

    /// <summary>The verified documents, in received order.</summary>
    public IReadOnlyList<MdocVerifiedDocument> Documents { get; }

    /// <summary>The document types the holder did not return, with their error codes.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> DocumentErrors { get; }

    /// <summary>The DeviceResponse status (0 = OK).</summary>
    public long Status { get; }
}
