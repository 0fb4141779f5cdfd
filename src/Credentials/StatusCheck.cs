namespace Credentials;

/// <summary>
/// How a verifier treats a credential's status, whatever the mechanism: the IETF Token Status List (SD-JWT VC) or the
/// W3C Bitstring Status List.
/// </summary>
public enum StatusCheck
{
    /// <summary>Check the status whenever the credential references one (a <c>status</c> claim, a <c>credentialStatus</c> entry).</summary>
    IfPresent,

    /// <summary>The credential must reference a status, and it must be valid.</summary>
    Required,

    /// <summary>Do not check status (for example fully offline).</summary>
    Skip,
}
