namespace Credentials.Dcql;

/// <summary>The Trusted Authorities Query types of OpenID for Verifiable Presentations 1.0, section 6.1.1.</summary>
public static class TrustedAuthorityTypes
{
    /// <summary><c>aki</c>: the base64url KeyIdentifier of an AuthorityKeyIdentifier in the credential's X.509 chain.</summary>
    public const string Aki = "aki";

    /// <summary><c>etsi_tl</c>: the identifier of an ETSI TS 119 612 Trusted List.</summary>
    public const string EtsiTrustedList = "etsi_tl";

    /// <summary><c>openid_federation</c>: an OpenID Federation Entity Identifier (usually a Trust Anchor).</summary>
    public const string OpenIdFederation = "openid_federation";
}
