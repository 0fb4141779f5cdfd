using System;

namespace Credentials;

/// <summary>
/// Thrown only by <see cref="VerificationResult{T}.GetValueOrThrow"/>, for callers who prefer exceptions to results.
/// </summary>
public sealed class CredentialVerificationException : Exception
{
    /// <summary>Creates the exception from an error.</summary>
    /// <param name="error">The verification error.</param>
    public CredentialVerificationException(VerificationError error)
        : base(error?.ToString())
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    private static readonly ErrorCode s_unknown = new("credentials.unknown", VerificationFailureKind.Malformed);

    /// <summary>Creates the exception with a message.</summary>
    public CredentialVerificationException()
        : this(new VerificationError(s_unknown, "Verification failed."))
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public CredentialVerificationException(string message)
        : this(new VerificationError(s_unknown, message))
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The inner exception.</param>
    public CredentialVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = new VerificationError(s_unknown, message);
    }

    /// <summary>The verification error.</summary>
    public VerificationError Error { get; }
}
