namespace Credentials.OpenId4Vp;

/// <summary>The Client Identifier Prefixes of OpenID4VP 1.0 section 5.9.3.</summary>
public static class ClientIdPrefixes
{
    /// <summary><c>redirect_uri</c>: the rest is the Response URI; requests are unsigned. Supported.</summary>
    public const string RedirectUri = "redirect_uri";

    /// <summary><c>decentralized_identifier</c>: the rest is a DID; requests are signed with a key of its DID document. Supported.</summary>
    public const string DecentralizedIdentifier = "decentralized_identifier";

    /// <summary><c>x509_san_dns</c>: the rest is a DNS name of the leaf certificate in the signed request's <c>x5c</c>. Supported.</summary>
    public const string X509SanDns = "x509_san_dns";

    /// <summary><c>x509_hash</c>: the rest is the base64url SHA-256 of the leaf certificate in the signed request's <c>x5c</c> (HAIP's choice). Supported.</summary>
    public const string X509Hash = "x509_hash";

    /// <summary><c>verifier_attestation</c>: not supported.</summary>
    public const string VerifierAttestation = "verifier_attestation";

    /// <summary><c>openid_federation</c>: not supported.</summary>
    public const string OpenIdFederation = "openid_federation";

    /// <summary><c>origin</c>: reserved for the Digital Credentials API; a wallet MUST NOT accept it in requests.</summary>
    public const string Origin = "origin";
}
