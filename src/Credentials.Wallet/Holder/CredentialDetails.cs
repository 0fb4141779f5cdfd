using System.Collections.Generic;

namespace Credentials.Wallet.Holder;

/// <summary>One stored credential with all its claims, labelled in the user's language.</summary>
public sealed record CredentialDetails
{
    /// <summary>The credential as listed.</summary>
    public required WalletCredential Credential { get; init; }

    /// <summary>The claims in payload order, technical claims (<c>iss</c>, <c>cnf</c>, <c>exp</c>, …) left out unless labelled.</summary>
    public required IReadOnlyList<WalletClaim> Claims { get; init; }
}
