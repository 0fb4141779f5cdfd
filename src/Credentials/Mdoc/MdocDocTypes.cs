namespace Credentials.Mdoc;

/// <summary>Well-known mdoc document types.</summary>
public static class MdocDocTypes
{
    /// <summary>The mobile driving licence (ISO/IEC 18013-5 §7.1): <c>org.iso.18013.5.1.mDL</c>.</summary>
    public const string Mdl = "org.iso.18013.5.1.mDL";

    /// <summary>The EU age-verification (proof of age) attestation: <c>eu.europa.ec.av.1</c>.</summary>
    public const string EuAgeVerification = "eu.europa.ec.av.1";
}
