using System.Collections.Immutable;
using System.Text.Json;

namespace Credentials.W3c;

/// <summary>One object of a credential's <c>credentialSubject</c>: the claims about one subject (VCDM 2.0 section 4.8).</summary>
public sealed class W3cCredentialSubject
{
    internal W3cCredentialSubject(string? id, ImmutableArray<string> types, JsonElement json)
    {
        Id = id;
        Types = types;
        Json = json;
    }

    /// <summary>The subject's identifier (<c>id</c>), if any.</summary>
    public string? Id { get; }

    /// <summary>The subject's <c>type</c> values, if any.</summary>
    public ImmutableArray<string> Types { get; }

    /// <summary>The subject object as it appears in the document, with every claim.</summary>
    public JsonElement Json { get; }

    /// <summary>Gets a claim of this subject.</summary>
    /// <param name="name">The property name.</param>
    /// <param name="value">The value, when present.</param>
    /// <returns><see langword="true"/> when the subject has the property.</returns>
    public bool TryGetClaim(string name, out JsonElement value) => Json.TryGetProperty(name, out value);
}
