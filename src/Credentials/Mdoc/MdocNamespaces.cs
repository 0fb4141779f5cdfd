namespace Credentials.Mdoc;

/// <summary>Well-known mdoc namespaces.</summary>
public static class MdocNamespaces
{
    /// <summary>The mDL data elements (ISO/IEC 18013-5 §7.2.1): <c>org.iso.18013.5.1</c>.</summary>
    public const string Mdl = "org.iso.18013.5.1";

    /// <summary>The EU age-verification attestation's elements (<c>age_over_18</c> …): <c>eu.europa.ec.av.1</c>.</summary>
    public const string EuAgeVerification = "eu.europa.ec.av.1";
}
