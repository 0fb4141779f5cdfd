namespace Credentials.Wallet;

/// <summary>How the copies of a stored credential may be used.</summary>
public enum CredentialUse
{
    /// <summary>One copy, presented as often as the holder likes.</summary>
    Reusable,

    /// <summary>
    /// A batch of copies (different salts and holder keys) each presented once, so that verifiers cannot link
    /// presentations by the credential's signature, salts or key. A copy handed out is erased.
    /// </summary>
    SingleUse,
}
