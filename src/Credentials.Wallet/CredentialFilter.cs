using System;

namespace Credentials.Wallet;

/// <summary>Which credentials <see cref="WalletStore.ListAsync"/> returns. Every member set must match; comparisons are ordinal.</summary>
public sealed record CredentialFilter
{
    /// <summary>Only this format.</summary>
    public string? Format { get; init; }

    /// <summary>Only this credential type (<c>vct</c>).</summary>
    public string? Vct { get; init; }

    /// <summary>Only this issuer.</summary>
    public string? Issuer { get; init; }

    /// <summary>When set, leaves out credentials that have expired at this instant.</summary>
    public DateTimeOffset? ValidAt { get; init; }

    /// <summary>When <see langword="true"/>, leaves out single-use credentials with no unused copy left.</summary>
    public bool ExcludeExhausted { get; init; }
}
