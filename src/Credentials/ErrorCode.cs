using System;

namespace Credentials;

/// <summary>
/// A stable, machine-readable error code such as <c>sdjwt.duplicate_disclosure</c>, with the kind of failure it reports.
/// </summary>
/// <remarks>
/// Codes are dotted lowercase strings that never change between versions. Every code is defined once, in the
/// <c>*Errors</c> class of its area, together with its <see cref="Kind"/>; every code is listed with its meaning in
/// <c>specs/errors.md</c>. Compare codes, never messages. Two codes are equal when their values are equal.
/// </remarks>
public readonly struct ErrorCode : IEquatable<ErrorCode>
{
    /// <summary>Defines a code.</summary>
    /// <param name="value">The dotted lowercase code.</param>
    /// <param name="kind">The kind of failure every error with this code reports.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or empty.</exception>
    public ErrorCode(string value, VerificationFailureKind kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Value = value;
        Kind = kind;
    }

    /// <summary>The dotted lowercase code.</summary>
    public string Value { get; }

    /// <summary>The kind of failure this code reports: a small set to switch on.</summary>
    public VerificationFailureKind Kind { get; }

    /// <summary>Compares two codes by value.</summary>
    /// <param name="left">The first code.</param>
    /// <param name="right">The second code.</param>
    public static bool operator ==(ErrorCode left, ErrorCode right) => left.Equals(right);

    /// <summary>Compares two codes by value.</summary>
    /// <param name="left">The first code.</param>
    /// <param name="right">The second code.</param>
    public static bool operator !=(ErrorCode left, ErrorCode right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(ErrorCode other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ErrorCode other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Value is null ? 0 : StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Returns <see langword="true"/> when this code belongs to the given family prefix, for example <c>kb</c>.</summary>
    /// <param name="family">The family prefix without the trailing dot.</param>
    public bool IsInFamily(string family)
    {
        ArgumentNullException.ThrowIfNull(family);
        return Value is not null
            && Value.Length > family.Length
            && Value.StartsWith(family, StringComparison.Ordinal)
            && Value[family.Length] == '.';
    }
}
