using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Credentials.Wallet.Internal;

/// <summary>The encrypted metadata record of a credential (column <c>credentials.metadata</c>).</summary>
internal sealed record CredentialMetadataRecord
{
    public required string Format { get; init; }

    public required bool SingleUse { get; init; }

    public string? Vct { get; init; }

    public string? Issuer { get; init; }

    public DateTimeOffset? IssuedAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public required DateTimeOffset ImportedAt { get; init; }

    public string? DisplayName { get; init; }

    public string? DisplayMetadataJson { get; init; }

    public List<string>? Types { get; init; }

    public List<string>? ExpandedTypes { get; init; }

    public string? DocType { get; init; }
}

/// <summary>The encrypted public record of a holder key (column <c>holder_keys.public_record</c>).</summary>
internal sealed record HolderKeyRecord
{
    public required string Algorithm { get; init; }

    public required string PublicJwk { get; init; }

    public required string Thumbprint { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>The encrypted disclosure log entry (column <c>disclosure_log.entry</c>).</summary>
internal sealed record LogRecord
{
    public required DateTimeOffset Time { get; init; }

    public required string Verifier { get; init; }

    public string? Audience { get; init; }

    public required List<LogCredentialRecord> Credentials { get; init; }
}

internal sealed record LogCredentialRecord
{
    public required string CredentialId { get; init; }

    public string? Vct { get; init; }

    public string? QueryId { get; init; }

    public required List<LogClaimRecord> Claims { get; init; }
}

internal sealed record LogClaimRecord
{
    public required string Path { get; init; }

    public string? Value { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CredentialMetadataRecord))]
[JsonSerializable(typeof(HolderKeyRecord))]
[JsonSerializable(typeof(LogRecord))]
internal sealed partial class WalletJsonContext : JsonSerializerContext
{
}
