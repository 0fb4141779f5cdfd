using System;
using System.Diagnostics.CodeAnalysis;

namespace Credentials.Dids;

/// <summary>
/// A DID URL (W3C DID Core 1.0 section 3.2): a DID followed by an optional path, query and fragment, for example
/// <c>did:web:example.com#key-1</c>. Immutable; compared by ordinal string equality.
/// </summary>
public sealed class DidUrl : IEquatable<DidUrl>, ISpanParsable<DidUrl>
{
    private DidUrl(string value, Did did, string path, string? query, string? fragment)
    {
        Value = value;
        Did = did;
        Path = path;
        Query = query;
        Fragment = fragment;
    }

    /// <summary>The whole DID URL.</summary>
    public string Value { get; }

    /// <summary>The DID part.</summary>
    public Did Did { get; }

    /// <summary>The path (<c>path-abempty</c>), starting with <c>/</c>, or empty.</summary>
    public string Path { get; }

    /// <summary>The query without the leading <c>?</c>, or <see langword="null"/> when there is none.</summary>
    public string? Query { get; }

    /// <summary>The fragment without the leading <c>#</c>, or <see langword="null"/> when there is none.</summary>
    public string? Fragment { get; }

    /// <summary>Parses a DID URL.</summary>
    /// <param name="s">The text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The text is not a DID URL.</exception>
    public static DidUrl Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParse(s, out var url) ? url : throw new FormatException("The text is not a DID URL (DID Core 1.0 section 3.2).");
    }

    /// <inheritdoc />
    static DidUrl IParsable<DidUrl>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <summary>Parses a DID URL.</summary>
    /// <param name="s">The text.</param>
    /// <exception cref="FormatException">The text is not a DID URL.</exception>
    public static DidUrl Parse(ReadOnlySpan<char> s)
        => TryParse(s, out var url) ? url : throw new FormatException("The text is not a DID URL (DID Core 1.0 section 3.2).");

    /// <summary>Tries to parse a DID URL; never throws.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The DID URL, when valid.</param>
    public static bool TryParse([NotNullWhen(true)] string? s, [NotNullWhen(true)] out DidUrl? result)
    {
        result = null;
        return s is not null && TryParseCore(s.AsSpan(), s, out result);
    }

    /// <inheritdoc />
    static bool IParsable<DidUrl>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out DidUrl result) => TryParse(s, out result);

    /// <summary>Tries to parse a DID URL; never throws.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The DID URL, when valid.</param>
    public static bool TryParse(ReadOnlySpan<char> s, [NotNullWhen(true)] out DidUrl? result)
        => TryParseCore(s, null, out result);

    /// <summary>
    /// Resolves a reference found in a DID document against the document's DID: an absolute DID URL stays as it is,
    /// a relative DID URL (DID Core 1.0 section 3.2.2: <c>#key-1</c>, <c>?service=x</c>, <c>/path</c>) is appended to
    /// <paramref name="baseDid"/>. Never throws for bad input.
    /// </summary>
    /// <param name="reference">The reference text.</param>
    /// <param name="baseDid">The DID the reference is relative to.</param>
    /// <param name="result">The absolute DID URL, when valid.</param>
    public static bool TryResolveReference([NotNullWhen(true)] string? reference, Did baseDid, [NotNullWhen(true)] out DidUrl? result)
    {
        ArgumentNullException.ThrowIfNull(baseDid);
        result = null;
        if (string.IsNullOrEmpty(reference))
        {
            return false;
        }

        if (reference[0] is '#' or '?' or '/')
        {
            // DID Core 3.2.2: a relative DID URL is resolved against the DID of the document it appears in.
            return TryParse(baseDid.Value + reference, out result);
        }

        return TryParse(reference, out result);
    }

    /// <inheritdoc />
    static DidUrl ISpanParsable<DidUrl>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc />
    static bool ISpanParsable<DidUrl>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, [MaybeNullWhen(false)] out DidUrl result) => TryParse(s, out result);

    /// <summary>Reads a DID URL from untrusted text; never throws.</summary>
    /// <param name="s">The text.</param>
    public static VerificationResult<DidUrl> Read(string? s)
        => TryParse(s, out var url) ? url : new VerificationError(DidErrors.InvalidDidUrl, "The text is not a DID URL (DID Core 1.0 section 3.2).");

    /// <summary>Creates the DID URL <c>did#fragment</c>.</summary>
    /// <param name="did">The DID.</param>
    /// <param name="fragment">The fragment without <c>#</c>.</param>
    /// <exception cref="ArgumentException">The fragment contains characters a fragment cannot hold.</exception>
    public static DidUrl WithFragment(Did did, string fragment)
    {
        ArgumentNullException.ThrowIfNull(did);
        ArgumentNullException.ThrowIfNull(fragment);
        return TryParse(did.Value + "#" + fragment, out var url) ? url : throw new ArgumentException("The fragment is not valid (RFC 3986 section 3.5).", nameof(fragment));
    }

    private static bool TryParseCore(ReadOnlySpan<char> s, string? original, [NotNullWhen(true)] out DidUrl? result)
    {
        result = null;
        var didEnd = DidSyntax.ScanDid(s, out var methodEnd);
        if (didEnd < 0 || !DidSyntax.TryScanRest(s, didEnd, out var pathEnd, out var queryEnd))
        {
            return false;
        }

        var value = original ?? s.ToString();
        var did = Did.FromValidated(value[..didEnd], methodEnd);
        var path = value[didEnd..pathEnd];
        string? query = queryEnd > pathEnd ? value[(pathEnd + 1)..queryEnd] : null;
        string? fragment = queryEnd < value.Length ? value[(queryEnd + 1)..] : null;
        result = new DidUrl(value, did, path, query, fragment);
        return true;
    }

    /// <inheritdoc />
    public bool Equals(DidUrl? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DidUrl other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Returns the DID URL text.</summary>
    public override string ToString() => Value;

    /// <summary>Compares two DID URLs.</summary>
    /// <param name="left">The first DID URL.</param>
    /// <param name="right">The second DID URL.</param>
    public static bool operator ==(DidUrl? left, DidUrl? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Compares two DID URLs.</summary>
    /// <param name="left">The first DID URL.</param>
    /// <param name="right">The second DID URL.</param>
    public static bool operator !=(DidUrl? left, DidUrl? right) => !(left == right);
}
