namespace Credentials.Dcql.Matching;

/// <summary>The JSON type of a <see cref="DcqlClaimValue"/>: <c>values</c> holds strings, integers and booleans (section 6.3).</summary>
public enum DcqlClaimValueKind
{
    /// <summary>A JSON string.</summary>
    String,

    /// <summary>A JSON integer.</summary>
    Integer,

    /// <summary>A JSON boolean.</summary>
    Boolean,
}
