using System;

namespace Credentials.Http;

/// <summary>
/// Carries a failed fetch through an <see cref="IResolverCache"/> (so nothing is stored and every waiting caller gets
/// the error); the resolver turns it back into its <see cref="VerificationError"/>.
/// </summary>
internal sealed class ResolverFetchException(VerificationError error, bool sourceUnavailable) : Exception(error.Message)
{
    /// <summary>The error.</summary>
    public VerificationError Error { get; } = error;

    /// <summary>Whether the source was unavailable (network failure, timeout, a 5xx, 408 or 429), so a last-known-good copy may be served.</summary>
    public bool SourceUnavailable { get; } = sourceUnavailable;
}
