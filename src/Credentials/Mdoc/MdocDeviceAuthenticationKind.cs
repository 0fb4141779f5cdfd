namespace Credentials.Mdoc;

/// <summary>How a verified document was bound to the session.</summary>
public enum MdocDeviceAuthenticationKind
{
    /// <summary>Not at all: only the issuer side was verified (<see cref="MdocVerifier.VerifyIssuerSigned"/>).</summary>
    None,

    /// <summary>A device signature (COSE_Sign1) with the MSO device key.</summary>
    Signature,

    /// <summary>A device MAC (COSE_Mac0) with a key agreed between the MSO device key and the reader's ephemeral key.</summary>
    Mac,
}
