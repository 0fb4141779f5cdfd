using System.Text.Json;

namespace Credentials.W3c;

/// <summary>
/// The <c>issuer</c> of a credential or the <c>holder</c> of a presentation: a URL, or an object with an <c>id</c>
/// URL and more properties (VCDM 2.0 sections 4.7 and 4.13).
/// </summary>
public sealed class W3cEntity
{
    internal W3cEntity(string id, JsonElement json, LocalizedText? name)
    {
        Id = id;
        Json = json;
        Name = name;
    }

    /// <summary>The URL that identifies the entity (the string value, or the object's <c>id</c>).</summary>
    public string Id { get; }

    /// <summary>The value as it appears in the document: a string or an object.</summary>
    public JsonElement Json { get; }

    /// <summary>Whether the value is an object (with more than the identifier).</summary>
    public bool IsObject => Json.ValueKind == JsonValueKind.Object;

    /// <summary>The object's <c>name</c> when it is a string or language value(s); otherwise <see langword="null"/>.</summary>
    public LocalizedText? Name { get; }

    /// <inheritdoc />
    public override string ToString() => Id;
}
