using System;
using System.Diagnostics.CodeAnalysis;

namespace Credentials.Dids;

/// <summary>
/// A decentralized identifier (W3C DID Core 1.0 section 3.1), for example <c>did:key:z6Mk…</c>. Immutable;
/// compared by ordinal string equality (DID Core 3.1: DIDs are case-sensitive apart from what the method says).
/// </summary>
public sealed class Did : IEquatable<Did>, ISpanParsable<Did>
{
    private Did(string value, int methodEnd)
    {
        Value = value;
        Method = value[4..methodEnd];
        MethodSpecificId = value[(methodEnd + 1)..];
    }

    /// <summary>The whole DID, for example <c>did:web:example.com</c>.</summary>
    public string Value { get; }

    /// <summary>The method name, for example <c>key</c>, <c>jwk</c> or <c>web</c>.</summary>
    public string Method { get; }

    /// <summary>The method-specific identifier: everything after <c>did:method:</c>.</summary>
    public string MethodSpecificId { get; }

    /// <summary>Parses a DID.</summary>
    /// <param name="s">The text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The text is not a DID.</exception>
    public static Did Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParse(s, out var did) ? did : throw new FormatException("The text is not a DID (DID Core 1.0 section 3.1).");
    }

    /// <inheritdoc />
    static Did IParsable<Did>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <summary>Parses a DID.</summary>
    /// <param name="s">The text.</param>
    /// <exception cref="FormatException">The text is not a DID.</exception>
    public static Did Parse(ReadOnlySpan<char> s)
        => TryParse(s, out var did) ? did : throw new FormatException("The text is not a DID (DID Core 1.0 section 3.1).");

    /// <summary>Tries to parse a DID; never throws.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The DID, when valid.</param>
    /// <returns><see langword="true"/> when <paramref name="s"/> is exactly a DID (no path, query or fragment).</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, [NotNullWhen(true)] out Did? result)
    {
        result = null;
        if (s is null)
        {
            return false;
        }

        var end = DidSyntax.ScanDid(s, out var methodEnd);
        if (end != s.Length)
        {
            return false;
        }

        result = new Did(s, methodEnd);
        return true;
    }

    /// <inheritdoc />
    static bool IParsable<Did>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out Did result) => TryParse(s, out result);

    /// <summary>Tries to parse a DID; never throws.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The DID, when valid.</param>
    public static bool TryParse(ReadOnlySpan<char> s, [NotNullWhen(true)] out Did? result)
    {
        result = null;
        var end = DidSyntax.ScanDid(s, out var methodEnd);
        if (end != s.Length)
        {
            return false;
        }

        result = new Did(s.ToString(), methodEnd);
        return true;
    }

    /// <inheritdoc />
    static Did ISpanParsable<Did>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc />
    static bool ISpanParsable<Did>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, [MaybeNullWhen(false)] out Did result) => TryParse(s, out result);

    /// <summary>Reads a DID from untrusted text; never throws.</summary>
    /// <param name="s">The text.</param>
    public static VerificationResult<Did> Read(string? s)
        => TryParse(s, out var did) ? did : new VerificationError(DidErrors.InvalidDid, "The text is not a DID (DID Core 1.0 section 3.1).");

    internal static Did FromValidated(string value, int methodEnd) => new(value, methodEnd);

    /// <inheritdoc />
    public bool Equals(Did? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Did other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Returns the DID text.</summary>
    public override string ToString() => Value;

    /// <summary>Compares two DIDs.</summary>
    /// <param name="left">The first DID.</param>
    /// <param name="right">The second DID.</param>
    public static bool operator ==(Did? left, Did? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Compares two DIDs.</summary>
    /// <param name="left">The first DID.</param>
    /// <param name="right">The second DID.</param>
    public static bool operator !=(Did? left, Did? right) => !(left == right);
}
