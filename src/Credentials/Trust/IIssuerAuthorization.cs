namespace Credentials.Trust;

/// <summary>Decides which credential types an issuer may issue.</summary>
public interface IIssuerAuthorization
{
    /// <summary>Returns <see langword="null"/> when <paramref name="issuer"/> may issue <paramref name="vct"/>, otherwise why not.</summary>
    /// <param name="issuer">The verified issuer identifier (<c>iss</c>).</param>
    /// <param name="vct">The verified credential type.</param>
    VerificationError? Authorize(string? issuer, string vct);
}
