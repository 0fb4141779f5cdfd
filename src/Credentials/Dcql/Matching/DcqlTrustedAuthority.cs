namespace Credentials.Dcql.Matching;

/// <summary>
/// A trust fact the wallet knows about a credential's issuer, in the terms of a Trusted Authorities Query
/// (OpenID4VP 1.0 section 6.1.1): for example (<c>aki</c>, the base64url KeyIdentifier of a certificate in the
/// credential's chain) or (<c>etsi_tl</c>, a Trusted List the issuer is on).
/// </summary>
/// <param name="Type">The type, for example <see cref="TrustedAuthorityTypes.Aki"/>.</param>
/// <param name="Value">The value, compared ordinally.</param>
public readonly record struct DcqlTrustedAuthority(string Type, string Value);
