namespace Credentials.OpenId4Vp;

/// <summary>The Client Identifier Prefixes of OpenID4VP 1.0 section 5.9.3.</summary>
public static class ClientIdPrefixes
{
    /// <summary><c>redirect_uri</c>: the rest is the Response URI; requests are unsigned. Supported.</summary>
    public const string RedirectUri = "redirect_uri";

    /// <summary><c>decentralized_identifier</c>: the rest is a DID; requests are signed with a key of its DID document. Supported.</summary>
    public const string DecentralizedIdentifier = "decentralized_identifier";

    /// <summary><c>x509_san_dns</c>: not supported by this library yet.</summary>
    public const string X509SanDns = "x509_san_dns";

    /// <summary><c>x509_hash</c>: not supported by this library yet (HAIP's choice).</summary>
    public const string X509Hash = "x509_hash";

    /// <summary><c>verifier_attestation</c>: not supported.</summary>
    public const string VerifierAttestation = "verifier_attestation";

    /// <summary><c>openid_federation</c>: not supported.</summary>
    public const string OpenIdFederation = "openid_federation";

    /// <summary><c>origin</c>: reserved for the Digital Credentials API; a wallet MUST NOT accept it in requests.</summary>
    public const string Origin = "origin";
}
