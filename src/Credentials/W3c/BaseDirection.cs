namespace Credentials.W3c;

/// <summary>The base direction of a natural-language string (JSON-LD 1.1 <c>@direction</c>; VCDM 2.0 section 11.1).</summary>
public enum BaseDirection
{
    /// <summary><c>ltr</c>: left to right.</summary>
    LeftToRight,

    /// <summary><c>rtl</c>: right to left.</summary>
    RightToLeft,
}
