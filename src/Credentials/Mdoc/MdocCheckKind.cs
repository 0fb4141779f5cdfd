namespace Credentials.Mdoc;

/// <summary>The checks of an mdoc verification, in the order they run for each document.</summary>
public enum MdocCheckKind
{
    /// <summary>Strict CBOR decoding of the whole input: shape, definite lengths, no duplicate keys, limits.</summary>
    Structure,

    /// <summary>The issuerAuth algorithm is allowed and its COSE_Sign1 signature verifies with the document-signer key (ISO/IEC 18013-5 §9.3.1 step 2).</summary>
    IssuerSignature,

    /// <summary>The document-signer certificate chains to a trust anchor or is a pinned document signer (§9.3.1 step 1).</summary>
    IssuerTrust,

    /// <summary>The Document's docType equals the MSO's and is accepted (§9.3.1 step 5).</summary>
    DocType,

    /// <summary>Every presented item's digest equals the MSO value digest for its digest ID (§9.3.1 step 3).</summary>
    Digests,

    /// <summary>The validity window (§9.3.1 step 6).</summary>
    Validity,

    /// <summary>The device signature or device MAC over the DeviceAuthentication for the session transcript (§9.1.3, §9.3.1 step 4).</summary>
    DeviceAuthentication,

    /// <summary>Every device-signed element is covered by the MSO's keyAuthorizations (§9.1.2.4).</summary>
    KeyAuthorizations,
}
