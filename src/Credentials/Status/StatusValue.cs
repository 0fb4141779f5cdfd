using System;
using System.Globalization;

namespace Credentials.Status;

/// <summary>
/// A status value read from a Status List: one of the registered Status Types (draft-ietf-oauth-status-list
/// section 7.1) or an application-specific or unregistered value between 0 and 255.
/// </summary>
/// <param name="Value">The raw value (at most <c>2^bits - 1</c> of its list).</param>
public readonly record struct StatusValue(byte Value)
{
    /// <summary>0x00 VALID: the credential is valid, correct or legal.</summary>
    public static StatusValue Valid => new(0x00);

    /// <summary>0x01 INVALID: the credential is revoked, annulled, taken back, recalled or cancelled. Permanent.</summary>
    public static StatusValue Invalid => new(0x01);

    /// <summary>0x02 SUSPENDED: the credential is temporarily invalid. Usually reversible.</summary>
    public static StatusValue Suspended => new(0x02);

    /// <summary>0x03: permanently reserved as application specific.</summary>
    public static StatusValue ApplicationSpecific => new(0x03);

    /// <summary>Whether this is VALID (0x00).</summary>
    public bool IsValid => Value == 0x00;

    /// <summary>Whether this is INVALID (0x01, revoked).</summary>
    public bool IsInvalid => Value == 0x01;

    /// <summary>Whether this is SUSPENDED (0x02).</summary>
    public bool IsSuspended => Value == 0x02;

    /// <summary>Whether this value is reserved as application specific (0x03 and 0x0C–0x0F).</summary>
    public bool IsApplicationSpecific => Value == 0x03 || Value is >= 0x0C and <= 0x0F;

    /// <summary>Returns the registered name (<c>VALID</c>, <c>INVALID</c>, <c>SUSPENDED</c>) or the value in hex.</summary>
    public override string ToString() => Value switch
    {
        0x00 => "VALID",
        0x01 => "INVALID",
        0x02 => "SUSPENDED",
        _ => "0x" + Value.ToString("X2", CultureInfo.InvariantCulture),
    };

    /// <summary>Whether the value fits in a list with the given number of bits per entry.</summary>
    /// <param name="bits">1, 2, 4 or 8.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bits"/> is not 1, 2, 4 or 8.</exception>
    public bool FitsIn(int bits)
    {
        StatusList.ThrowIfInvalidBits(bits);
        return bits == 8 || Value < (1 << bits);
    }
}
