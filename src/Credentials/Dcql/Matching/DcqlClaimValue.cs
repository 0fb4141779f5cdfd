using System;
using System.Globalization;
using System.Text.Json;
using Credentials.Internal;

namespace Credentials.Dcql.Matching;

/// <summary>
/// One expected value in a Claims Query's <c>values</c> (OpenID4VP 1.0 section 6.3): a string, an integer or a boolean.
/// A claim matches when its JSON type and value both equal the expected ones exactly.
/// </summary>
public readonly record struct DcqlClaimValue
{
    private readonly string? _string;
    private readonly long _integer;
    private readonly bool _boolean;

    private DcqlClaimValue(DcqlClaimValueKind kind, string? s, long i, bool b)
    {
        Kind = kind;
        _string = s;
        _integer = i;
        _boolean = b;
    }

    /// <summary>The JSON type.</summary>
    public DcqlClaimValueKind Kind { get; }

    /// <summary>The string value, or <see langword="null"/> when <see cref="Kind"/> is not <see cref="DcqlClaimValueKind.String"/>.</summary>
    public string? StringValue => Kind == DcqlClaimValueKind.String ? _string : null;

    /// <summary>The integer value, or <see langword="null"/> when <see cref="Kind"/> is not <see cref="DcqlClaimValueKind.Integer"/>.</summary>
    public long? IntegerValue => Kind == DcqlClaimValueKind.Integer ? _integer : null;

    /// <summary>The boolean value, or <see langword="null"/> when <see cref="Kind"/> is not <see cref="DcqlClaimValueKind.Boolean"/>.</summary>
    public bool? BooleanValue => Kind == DcqlClaimValueKind.Boolean ? _boolean : null;

    /// <summary>An expected string.</summary>
    /// <param name="value">The string.</param>
    public static DcqlClaimValue FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(DcqlClaimValueKind.String, value, 0, false);
    }

    /// <summary>An expected integer.</summary>
    /// <param name="value">The integer.</param>
    public static DcqlClaimValue FromInteger(long value) => new(DcqlClaimValueKind.Integer, null, value, false);

    /// <summary>An expected boolean.</summary>
    /// <param name="value">The boolean.</param>
    public static DcqlClaimValue FromBoolean(bool value) => new(DcqlClaimValueKind.Boolean, null, 0, value);

    /// <summary>Reads an expected value: a JSON string, an integer that fits in 64 bits, <c>true</c> or <c>false</c>; never throws.</summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="false"/> for any other JSON value (objects, arrays, null, fractions, exponents).</returns>
    public static bool TryRead(JsonElement element, out DcqlClaimValue value)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                value = FromString(element.GetString()!);
                return true;
            case JsonValueKind.Number when element.TryGetInt64(out var i):
                value = FromInteger(i);
                return true;
            case JsonValueKind.True:
                value = FromBoolean(true);
                return true;
            case JsonValueKind.False:
                value = FromBoolean(false);
                return true;
            default:
                value = default;
                return false;
        }
    }

    /// <summary>Whether a claim value has this type and value exactly (strings compared ordinally).</summary>
    /// <param name="claim">The claim value as the holder sees it.</param>
    public bool Matches(JsonElement claim) => Kind switch
    {
        DcqlClaimValueKind.String => claim.ValueKind == JsonValueKind.String && string.Equals(claim.GetString(), _string, StringComparison.Ordinal),
        DcqlClaimValueKind.Integer => claim.ValueKind == JsonValueKind.Number && claim.TryGetInt64(out var i) && i == _integer,
        DcqlClaimValueKind.Boolean => claim.ValueKind == (_boolean ? JsonValueKind.True : JsonValueKind.False),
        _ => false,
    };

    /// <summary>Writes the value as JSON.</summary>
    /// <param name="writer">The writer.</param>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (Kind)
        {
            case DcqlClaimValueKind.Integer:
                writer.WriteNumberValue(_integer);
                break;
            case DcqlClaimValueKind.Boolean:
                writer.WriteBooleanValue(_boolean);
                break;
            default:
                writer.WriteStringValue(_string ?? string.Empty);
                break;
        }
    }

    /// <summary>The JSON text of the value.</summary>
    public override string ToString() => Kind switch
    {
        DcqlClaimValueKind.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        DcqlClaimValueKind.Boolean => _boolean ? "true" : "false",
        _ => JsonText.Quote(_string ?? string.Empty),
    };
}
