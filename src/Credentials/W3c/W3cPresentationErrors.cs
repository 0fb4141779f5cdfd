namespace Credentials.W3c;

/// <summary>Error codes of <see cref="W3cPresentationVerifier"/>: who holds the presented credentials.</summary>
public static class W3cPresentationErrors
{
    /// <summary><c>vp.holder_missing</c>: the presentation names no <c>holder</c>, so nothing binds it to the credentials' subject.</summary>
    public static readonly ErrorCode HolderMissing = new("vp.holder_missing", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>vp.holder_key_mismatch</c>: a Data Integrity proof on the presentation is made with a key that does not belong to its <c>holder</c>.</summary>
    public static readonly ErrorCode HolderKeyMismatch = new("vp.holder_key_mismatch", VerificationFailureKind.KeyBindingFailed);

    /// <summary>
    /// <c>vp.holder_not_subject</c>: a presented credential's subject is not the presentation's holder (no subject
    /// <c>id</c>, or another one): the holder did not prove it is the one the credential was issued to.
    /// </summary>
    public static readonly ErrorCode HolderNotSubject = new("vp.holder_not_subject", VerificationFailureKind.KeyBindingFailed);

}
