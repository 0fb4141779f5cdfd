namespace Credentials.Dids;

/// <summary>JSON-LD <c>@context</c> URLs written into DID documents.</summary>
public static class DidContexts
{
    /// <summary>The DID Core 1.0 context; DID Core 4.1 requires it to be the first <c>@context</c> entry.</summary>
    public const string DidV1 = "https://www.w3.org/ns/did/v1";

    /// <summary>The Multikey context (W3C Controlled Identifiers / Data Integrity), for <c>Multikey</c> methods.</summary>
    public const string Multikey = "https://w3id.org/security/multikey/v1";

    /// <summary>The JsonWebKey context (W3C Controlled Identifiers), for <c>JsonWebKey</c> methods.</summary>
    public const string JsonWebKey = "https://w3id.org/security/jwk/v1";

    /// <summary>The JsonWebKey2020 suite context, which the did:jwk specification uses.</summary>
    public const string JsonWebKey2020 = "https://w3id.org/security/suites/jws-2020/v1";
}
