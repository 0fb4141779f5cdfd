namespace Credentials.OpenId4Vci;

/// <summary>The character set of a Transaction Code (<c>tx_code.input_mode</c>, OpenID4VCI 1.0 section 4.1.1).</summary>
public enum TransactionCodeInputMode
{
    /// <summary><c>numeric</c>: digits only (the default).</summary>
    Numeric,

    /// <summary><c>text</c>: any characters.</summary>
    Text,
}
