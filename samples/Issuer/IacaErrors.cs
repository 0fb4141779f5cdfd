namespace Credentials.Samples.Issuer;

/// <summary>Error codes of <c>issuer iaca create</c> and <c>issuer iaca sign</c> (the shared ones are in <see cref="CliErrors"/>).</summary>
public static class IacaErrors
{
    /// <summary><c>iaca sign --iaca-cert</c>: the file holds no PEM certificate.</summary>
    public const string InvalidCertificate = "issuer.invalid_certificate";

    /// <summary><c>iaca sign --iaca-key</c>: the key is not the IACA certificate's, or not a P-256/P-384 key.</summary>
    public const string IacaKeyMismatch = "issuer.iaca_key_mismatch";

    /// <summary><c>iaca sign --iaca-cert</c>: the certificate is not a CA certificate with a country.</summary>
    public const string NotAnIaca = "issuer.not_an_iaca";

    /// <summary><c>iaca sign</c>: the IACA certificate has expired, or is not valid yet.</summary>
    public const string IacaNotValid = "issuer.iaca_not_valid";
}
