namespace Credentials.SdJwtVc.TypeMetadata.Resolution;

/// <summary>The hash algorithms of W3C Subresource Integrity (section 3.2), weakest first.</summary>
public enum IntegrityAlgorithm
{
    /// <summary><c>sha256</c>.</summary>
    Sha256 = 256,

    /// <summary><c>sha384</c>.</summary>
    Sha384 = 384,

    /// <summary><c>sha512</c>.</summary>
    Sha512 = 512,
}
