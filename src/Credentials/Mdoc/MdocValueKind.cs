namespace Credentials.Mdoc;

/// <summary>The CBOR type of an <see cref="MdocValue"/>.</summary>
public enum MdocValueKind
{
    /// <summary>Another simple value (undefined, an unassigned simple value).</summary>
    Other,

    /// <summary>A text string (<c>tstr</c>).</summary>
    Text,

    /// <summary>A boolean.</summary>
    Boolean,

    /// <summary>An integer.</summary>
    Integer,

    /// <summary>A floating-point number.</summary>
    Float,

    /// <summary>A byte string (<c>bstr</c>), for example a portrait.</summary>
    Bytes,

    /// <summary>A <c>full-date</c>: tag 1004 over an RFC 3339 date (RFC 8943).</summary>
    FullDate,

    /// <summary>A <c>tdate</c>: tag 0 over an RFC 3339 date and time.</summary>
    DateTime,

    /// <summary>An array.</summary>
    Array,

    /// <summary>A map.</summary>
    Map,

    /// <summary>Null.</summary>
    Null,

    /// <summary>Another tagged value.</summary>
    Tagged,
}
