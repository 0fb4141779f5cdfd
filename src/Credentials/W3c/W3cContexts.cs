namespace Credentials.W3c;

/// <summary>JSON-LD context URLs of the W3C Verifiable Credentials Data Model 2.0.</summary>
public static class W3cContexts
{
    /// <summary>The base context, which must be the first <c>@context</c> item (VCDM 2.0 section 4.3).</summary>
    public const string CredentialsV2 = "https://www.w3.org/ns/credentials/v2";

    /// <summary>
    /// The context that maps terms no other context defines (an <c>@vocab</c>); a document that uses such terms must
    /// have it as its last <c>@context</c> item (VCDM 2.0 section 5.2).
    /// </summary>
    public const string UndefinedTermsV2 = "https://www.w3.org/ns/credentials/undefined-terms/v2";
}
