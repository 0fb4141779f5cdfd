namespace Credentials.W3c.BitstringStatus;

/// <summary>The <c>statusPurpose</c> values with a meaning fixed by Bitstring Status List v1.0 section 2.1.</summary>
public static class BitstringStatusPurposes
{
    /// <summary><c>revocation</c>: a set bit cancels the credential; not reversible.</summary>
    public const string Revocation = "revocation";

    /// <summary><c>suspension</c>: a set bit stops acceptance for a while; reversible.</summary>
    public const string Suspension = "suspension";

    /// <summary><c>refresh</c>: a set bit says an updated credential is available; it does not invalidate this one.</summary>
    public const string Refresh = "refresh";

    /// <summary><c>message</c>: the status value selects one of the entry's <c>statusMessage</c> entries.</summary>
    public const string Message = "message";
}
