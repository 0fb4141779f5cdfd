using System;

namespace Credentials.Dcql;

/// <summary>Limits and strictness for <see cref="DcqlQuery.Read(string, DcqlReaderOptions?)"/>. Exceeding a limit is <see cref="DcqlErrors.TooLarge"/>.</summary>
public sealed record DcqlReaderOptions
{
    /// <summary>The defaults: generous for real requests, small enough that a hostile query costs little.</summary>
    public static DcqlReaderOptions Default { get; } = new();

    /// <summary>The maximum size of the query in UTF-8 bytes. Default 64 KiB.</summary>
    public int MaxBytes { get; init; } = 64 * 1024;

    /// <summary>The maximum JSON nesting depth. Default 16 (a DCQL query needs 6).</summary>
    public int MaxDepth { get; init; } = 16;

    /// <summary>The maximum number of Credential Queries. Default 64.</summary>
    public int MaxCredentialQueries { get; init; } = 64;

    /// <summary>The maximum number of Claims Queries in one Credential Query. Default 128.</summary>
    public int MaxClaimsPerCredentialQuery { get; init; } = 128;

    /// <summary>
    /// The maximum length of every other array: <c>claim_sets</c> and each of its options, <c>credential_sets</c> and
    /// their options, <c>values</c>, <c>vct_values</c>, <c>type_values</c>, <c>trusted_authorities</c> and their values. Default 128.
    /// </summary>
    public int MaxArrayLength { get; init; } = 128;

    /// <summary>The maximum number of components in a claims path pointer. Default 16.</summary>
    public int MaxPathLength { get; init; } = 16;

    /// <summary>
    /// Whether two Claims Queries with the same path in one Credential Query are rejected with
    /// <see cref="DcqlErrors.DuplicateClaim"/>. Default <see langword="false"/>: Verifiers must not send them and
    /// Wallets should ignore them (section 6.1); set it when checking a query you are about to send.
    /// </summary>
    public bool RejectDuplicateClaims { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDepth, 6);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxCredentialQueries);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxClaimsPerCredentialQuery);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxArrayLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPathLength);
    }
}
