using System;

namespace Credentials.Wallet;

/// <summary>One copy of a credential to store: its serialized form and the holder key it is bound to (<c>cnf</c>).</summary>
public sealed record CredentialCopyInput
{
    /// <summary>Creates a copy.</summary>
    /// <param name="raw">The serialized credential exactly as issued (for SD-JWT: the compact form with all disclosures).</param>
    /// <param name="holderKeyId">The id of the wallet's holder key named by the credential's <c>cnf</c>, or <see langword="null"/> for a credential without key binding.</param>
    /// <exception cref="ArgumentException"><paramref name="raw"/> is empty.</exception>
    public CredentialCopyInput(string raw, string? holderKeyId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(raw);
        Raw = raw;
        HolderKeyId = holderKeyId;
    }

    /// <summary>The serialized credential exactly as issued.</summary>
    public string Raw { get; }

    /// <summary>The id of the holder key the credential is bound to, if any.</summary>
    public string? HolderKeyId { get; }

    /// <inheritdoc />
    public override string ToString() => $"CredentialCopyInput({Raw.Length} chars, key={HolderKeyId ?? "none"})";
}
