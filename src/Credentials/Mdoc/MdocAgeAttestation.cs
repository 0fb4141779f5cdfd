using System;
using System.Collections.Generic;

namespace Credentials.Mdoc;

/// <summary>
/// The age attestation rule of ISO/IEC 18013-5 §7.2.5: a request for <c>age_over_NN</c> is answered by
/// <c>age_over_NN</c> itself when present, else by the nearest <c>age_over_XX</c> with XX above NN whose value is
/// true, else by the nearest XX below NN whose value is false; otherwise it cannot be answered. (An
/// <c>age_over_20</c> therefore cannot be derived from <c>age_over_18</c> and <c>age_over_21</c>: it must be issued.)
/// </summary>
public static class MdocAgeAttestation
{
    /// <summary>The element identifier prefix.</summary>
    public const string Prefix = "age_over_";

    /// <summary>Answers "at least <paramref name="nn"/>?" from verified elements of one namespace; other and malformed elements are ignored.</summary>
    /// <param name="elements">Element identifier → value (for example <see cref="MdocVerifiedDocument.Elements"/> of a namespace).</param>
    /// <param name="nn">The age asked, 0 to 99.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nn"/> is outside 0 to 99.</exception>
    public static MdocAgeAnswer Resolve(IReadOnlyDictionary<string, MdocValue> elements, int nn)
    {
        ArgumentNullException.ThrowIfNull(elements);
        ArgumentOutOfRangeException.ThrowIfNegative(nn);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nn, 99);
        Span<sbyte> values = stackalloc sbyte[100];
        values.Fill(-1);
        foreach (var (id, value) in elements)
        {
            if (TryParse(id, out var xx) && value is not null && value.TryGetBoolean(out var b))
            {
                values[xx] = b ? (sbyte)1 : (sbyte)0;
            }
        }

        return Resolve(values, nn);
    }

    /// <summary>
    /// The holder side: which of the attestations it has to disclose for a request of <c>age_over_NN</c> (the element
    /// the answer rests on), or null when none answers it.
    /// </summary>
    /// <param name="available">The holder's <c>age_over_XX</c> elements and their values.</param>
    /// <param name="nn">The age asked, 0 to 99.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nn"/> is outside 0 to 99.</exception>
    public static string? SelectElement(IReadOnlyDictionary<string, bool> available, int nn)
    {
        ArgumentNullException.ThrowIfNull(available);
        ArgumentOutOfRangeException.ThrowIfNegative(nn);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nn, 99);
        Span<sbyte> values = stackalloc sbyte[100];
        values.Fill(-1);
        foreach (var (id, value) in available)
        {
            if (TryParse(id, out var xx))
            {
                values[xx] = value ? (sbyte)1 : (sbyte)0;
            }
        }

        return Resolve(values, nn).ElementIdentifier;
    }

    /// <summary>Parses <c>age_over_NN</c> with exactly two digits.</summary>
    /// <param name="elementIdentifier">The identifier.</param>
    /// <param name="nn">NN.</param>
    public static bool TryParse(string? elementIdentifier, out int nn)
    {
        nn = -1;
        if (elementIdentifier is null || elementIdentifier.Length != Prefix.Length + 2 || !elementIdentifier.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var d1 = elementIdentifier[^2];
        var d2 = elementIdentifier[^1];
        if (!char.IsAsciiDigit(d1) || !char.IsAsciiDigit(d2))
        {
            return false;
        }

        nn = ((d1 - '0') * 10) + (d2 - '0');
        return true;
    }

    /// <summary>The element identifier for NN (<c>age_over_20</c>).</summary>
    /// <param name="nn">0 to 99.</param>
    public static string ElementFor(int nn)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nn);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nn, 99);
        return Prefix + nn.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static MdocAgeAnswer Resolve(ReadOnlySpan<sbyte> values, int nn)
    {
        // §7.2.5: the attestation asked for answers itself, true or false.
        if (values[nn] >= 0)
        {
            return new MdocAgeAnswer(values[nn] == 1 ? MdocAgeOutcome.Over : MdocAgeOutcome.NotOver, ElementFor(nn));
        }

        // Else the nearest age_over_XX above NN that is true...
        for (var xx = nn + 1; xx < 100; xx++)
        {
            if (values[xx] == 1)
            {
                return new MdocAgeAnswer(MdocAgeOutcome.Over, ElementFor(xx));
            }
        }

        // ...else the nearest below NN that is false.
        for (var xx = nn - 1; xx >= 0; xx--)
        {
            if (values[xx] == 0)
            {
                return new MdocAgeAnswer(MdocAgeOutcome.NotOver, ElementFor(xx));
            }
        }

        return new MdocAgeAnswer(MdocAgeOutcome.CannotAnswer, null);
    }
}
