using System;

namespace Credentials;

/// <summary>
/// A stable, machine-readable error code such as <c>sdjwt.duplicate_disclosure</c>.
/// </summary>
/// <remarks>
/// Codes are dotted lowercase strings that never change between versions. Every code is listed with its meaning in
/// <c>specs/errors.md</c>. Compare codes, never messages.
/// </remarks>
/// <param name="Value">The dotted lowercase code.</param>
public readonly record struct ErrorCode(string Value)
{
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
