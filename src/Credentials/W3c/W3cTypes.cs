namespace Credentials.W3c;

/// <summary>The <c>type</c> values the W3C Verifiable Credentials Data Model 2.0 defines.</summary>
public static class W3cTypes
{
    /// <summary>Every verifiable credential has this type (section 4.5).</summary>
    public const string VerifiableCredential = "VerifiableCredential";

    /// <summary>Every verifiable presentation has this type (section 4.13).</summary>
    public const string VerifiablePresentation = "VerifiablePresentation";

    /// <summary>A credential secured by an enveloping proof, carried as a <c>data:</c> URL (section 4.13).</summary>
    public const string EnvelopedVerifiableCredential = "EnvelopedVerifiableCredential";

    /// <summary>A presentation secured by an enveloping proof, carried as a <c>data:</c> URL (section 4.13).</summary>
    public const string EnvelopedVerifiablePresentation = "EnvelopedVerifiablePresentation";
}
