using System;
using System.Collections.Generic;

namespace Credentials.Wallet;

/// <summary>What to record in the disclosure log for one presentation.</summary>
public sealed record PresentationRecord
{
    /// <summary>The verifier, as identified by the request (OpenID4VP <c>client_id</c>).</summary>
    public required string Verifier { get; init; }

    /// <summary>The audience the key-binding JWT was bound to (<c>aud</c>), when it differs from <see cref="Verifier"/>.</summary>
    public string? Audience { get; init; }

    /// <summary>When the presentation was made; defaults to the wallet's clock.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>The credentials presented and what each disclosed.</summary>
    public required IReadOnlyList<DisclosedCredential> Credentials { get; init; }
}
