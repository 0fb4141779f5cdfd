using System;
using System.Collections.Generic;

namespace Credentials.Wallet;

/// <summary>A recorded presentation: who learned what, and when.</summary>
public sealed record DisclosureLogEntry
{
    /// <summary>The entry's id.</summary>
    public required string Id { get; init; }

    /// <summary>When the presentation was made.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The verifier (<c>client_id</c>).</summary>
    public required string Verifier { get; init; }

    /// <summary>The key-binding audience, if it was recorded.</summary>
    public string? Audience { get; init; }

    /// <summary>The credentials presented and the claims disclosed (values only if they were logged).</summary>
    public required IReadOnlyList<DisclosedCredential> Credentials { get; init; }
}
