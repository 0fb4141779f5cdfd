namespace Credentials.Samples.Web.Checker;

/// <summary>The credential's status as the checker reports it.</summary>
public enum CredentialState
{
    /// <summary>Every check passed and the status list says the credential is valid (or it has no status list).</summary>
    Valid,

    /// <summary>The status list says the credential was revoked (失効).</summary>
    Revoked,

    /// <summary>The status list says the credential is suspended (一時停止).</summary>
    Suspended,

    /// <summary>The status could not be learnt (the credential did not verify, or its status list was unavailable).</summary>
    Unknown,
}
