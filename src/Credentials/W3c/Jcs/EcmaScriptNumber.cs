using System;
using System.Globalization;

namespace Credentials.W3c.Jcs;

/// <summary>
/// The ECMAScript Number-to-String conversion (ECMA-262 section 7.1.12.1, Number::toString with radix 10) that
/// RFC 8785 section 3.2.2.3 requires for JSON numbers. The shortest round-trip digits come from .NET's own
/// formatting (shortest round-trippable since .NET Core 3.0); only the layout is the ECMAScript one.
/// </summary>
internal static class EcmaScriptNumber
{
    /// <summary>The longest output: a sign, 17 digits, a point, <c>e</c>, a sign and three exponent digits.</summary>
    public const int MaxLength = 32;

    /// <summary>Writes the ECMAScript form of a finite double as ASCII and returns the number of bytes written.</summary>
    /// <param name="value">A finite value (RFC 8785 section 3.2.2.3: NaN and Infinity are not JSON numbers).</param>
    /// <param name="destination">At least <see cref="MaxLength"/> bytes.</param>
    public static int Format(double value, Span<byte> destination)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "NaN and Infinity have no JSON form.");
        }

        // ECMA-262 7.1.12.1 step 2: +0 and -0 are both "0".
        if (value == 0)
        {
            destination[0] = (byte)'0';
            return 1;
        }

        var position = 0;
        if (value < 0)
        {
            destination[position++] = (byte)'-';
            value = -value;
        }

        // The shortest digits s (k of them) and the exponent n with value = s × 10^(n−k), k as small as possible.
        Span<char> text = stackalloc char[MaxLength];
        if (!value.TryFormat(text, out var length, "R", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("A double did not fit its formatting buffer.");
        }

        Span<byte> digits = stackalloc byte[MaxLength];
        var k = 0;
        var pointAt = 0;
        var seenPoint = false;
        var exponent = 0;
        for (var i = 0; i < length; i++)
        {
            var c = text[i];
            if (c is >= '0' and <= '9')
            {
                // Leading zeros ("0.0001") carry no digit; they only move the decimal point.
                if (k == 0 && c == '0')
                {
                    if (seenPoint)
                    {
                        pointAt--;
                    }

                    continue;
                }

                digits[k++] = (byte)c;
            }
            else if (c == '.')
            {
                seenPoint = true;
                pointAt += k;
            }
            else if (c is 'E' or 'e')
            {
                exponent = int.Parse(text[(i + 1)..length], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                break;
            }
        }

        if (!seenPoint)
        {
            // No point: every digit (trailing zeros included) is before it.
            pointAt = k;
        }

        while (k > 1 && digits[k - 1] == '0')
        {
            k--;
        }

        var n = pointAt + exponent;
        return position + Layout(digits[..k], n, destination[position..]);
    }

    // ECMA-262 7.1.12.1 steps 6 to 10.
    private static int Layout(ReadOnlySpan<byte> digits, int n, Span<byte> destination)
    {
        var k = digits.Length;
        var p = 0;
        if (k <= n && n <= 21)
        {
            // Step 6: the digits followed by n−k zeros.
            digits.CopyTo(destination);
            p = k;
            destination.Slice(p, n - k).Fill((byte)'0');
            return n;
        }

        if (0 < n && n <= 21)
        {
            // Step 7: the first n digits, a point, the remaining k−n digits.
            digits[..n].CopyTo(destination);
            destination[n] = (byte)'.';
            digits[n..].CopyTo(destination[(n + 1)..]);
            return k + 1;
        }

        if (-6 < n && n <= 0)
        {
            // Step 8: "0." then −n zeros, then the digits.
            destination[p++] = (byte)'0';
            destination[p++] = (byte)'.';
            destination.Slice(p, -n).Fill((byte)'0');
            p += -n;
            digits.CopyTo(destination[p..]);
            return p + k;
        }

        // Steps 9 and 10: exponent form, with the point only when there is more than one digit.
        destination[p++] = digits[0];
        if (k > 1)
        {
            destination[p++] = (byte)'.';
            digits[1..].CopyTo(destination[p..]);
            p += k - 1;
        }

        destination[p++] = (byte)'e';
        var e = n - 1;
        destination[p++] = e < 0 ? (byte)'-' : (byte)'+';
        e = Math.Abs(e);
        if (!e.TryFormat(destination[p..], out var written, default, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("An exponent did not fit its formatting buffer.");
        }

        return p + written;
    }
}
