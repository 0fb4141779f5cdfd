namespace Credentials.Keys;

/// <summary>
/// A signer that reveals its public key. Issuers that bind a certificate chain (<c>x5c</c>, <c>x5chain</c>) to a
/// signer need it to check that the leaf certificate certifies the signer's key; a signer that does not reveal its
/// key is refused there.
/// </summary>
public interface IPublicKeySigner : ISigner
{
    /// <summary>The public key the signatures verify with, as a JWK (no private part).</summary>
    Jwk PublicJwk { get; }
}
