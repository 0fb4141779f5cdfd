using System.Collections.Immutable;
using System.Text.Json;

namespace Credentials.Dcql;

/// <summary>
/// The <c>meta</c> of a Credential Query (OpenID4VP 1.0 section 6.1): format-specific constraints on the credential's
/// metadata. Members this library does not know are kept in <see cref="AdditionalProperties"/> so that
/// <see cref="DcqlQuery.ToJson"/> writes them back.
/// </summary>
public sealed record CredentialQueryMeta
{
    /// <summary>No constraints (an empty object).</summary>
    public static CredentialQueryMeta Empty { get; } = new();

    /// <summary><c>vct_values</c> (<c>dc+sd-jwt</c>, Appendix B.3.5): the accepted SD-JWT VC types.</summary>
    public ImmutableArray<string>? VctValues { get; init; }

    /// <summary><c>doctype_value</c> (<c>mso_mdoc</c>, Appendix B.2.3): the accepted mdoc doctype.</summary>
    public string? DoctypeValue { get; init; }

    /// <summary><c>type_values</c> (W3C formats, Appendix B.1.1): alternative sets of fully expanded types.</summary>
    public ImmutableArray<ImmutableArray<string>>? TypeValues { get; init; }

    /// <summary>Other members, as received.</summary>
    public ImmutableDictionary<string, JsonElement> AdditionalProperties { get; init; } = ImmutableDictionary<string, JsonElement>.Empty;
}
