using System.Collections.Generic;

namespace Credentials.Wallet;

/// <summary>One credential in a presentation and the claims disclosed from it.</summary>
public sealed record DisclosedCredential
{
    /// <summary>The wallet's id of the credential (it may be deleted later; the log keeps the id).</summary>
    public required string CredentialId { get; init; }

    /// <summary>The credential type, so the log stays readable after the credential is deleted.</summary>
    public string? Vct { get; init; }

    /// <summary>The DCQL credential query id this credential answered, if any.</summary>
    public string? QueryId { get; init; }

    /// <summary>The claims disclosed.</summary>
    public required IReadOnlyList<DisclosedClaim> Claims { get; init; }
}
