using System;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credentials.W3c.OpenBadges;

/// <summary>
/// Describes a <c>Profile</c> (an issuer, for example) for <see cref="OpenBadgeCredentialBuilder"/> (Open Badges 3.0
/// appendix B.1, Profile). The <c>id</c> and the type <c>Profile</c> are written by themselves. Not thread-safe.
/// </summary>
public sealed class OpenBadgeProfileBuilder
{
    private readonly JsonObject _members = [];
    private OpenBadgeImage? _image;

    /// <summary>Sets the name.</summary>
    /// <param name="name">The name, for example <c>一般社団法人サンプルDX人材認定機構</c>.</param>
    public OpenBadgeProfileBuilder Name(string name) => Set("name", name);

    /// <summary>Sets the home page URL.</summary>
    /// <param name="url">The URL.</param>
    public OpenBadgeProfileBuilder Url(string url) => Set("url", url);

    /// <summary>Sets the contact email address.</summary>
    /// <param name="email">The address.</param>
    public OpenBadgeProfileBuilder Email(string email) => Set("email", email);

    /// <summary>Sets the phone number.</summary>
    /// <param name="phone">The number.</param>
    public OpenBadgeProfileBuilder Phone(string phone) => Set("phone", phone);

    /// <summary>Sets a short description.</summary>
    /// <param name="description">The description.</param>
    public OpenBadgeProfileBuilder Description(string description) => Set("description", description);

    /// <summary>Sets the name of an authorised official.</summary>
    /// <param name="official">The name.</param>
    public OpenBadgeProfileBuilder Official(string official) => Set("official", official);

    /// <summary>Sets the image (logo).</summary>
    /// <param name="image">The image.</param>
    public OpenBadgeProfileBuilder Image(OpenBadgeImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        _image = image;
        return this;
    }

    /// <summary>Adds another member the Open Badges context defines for profiles (for example <c>address</c> or <c>otherIdentifier</c>).</summary>
    /// <param name="name">The member name.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentException">The name is <c>id</c> or <c>type</c>, or already set.</exception>
    public OpenBadgeProfileBuilder Member(string name, JsonNode? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name is "id" or "type" or "image")
        {
            throw new ArgumentException($"'{name}' is written by the builder or has its own method.", nameof(name));
        }

        if (_members.ContainsKey(name))
        {
            throw new ArgumentException($"The member '{name}' was already set.", nameof(name));
        }

        _members[name] = value?.Parent is null ? value : value.DeepClone();
        return this;
    }

    internal void Write(Utf8JsonWriter writer, string id)
    {
        writer.WriteStartObject();
        writer.WriteString("id", id);
        OpenBadgeWriter.Types(writer, [OpenBadgeTypes.Profile]);
        foreach (var (name, value) in _members)
        {
            writer.WritePropertyName(name);
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer);
            }
        }

        OpenBadgeWriter.Optional(writer, "image", _image?.Json);
        writer.WriteEndObject();
    }

    private OpenBadgeProfileBuilder Set(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, name);
        return Member(name, JsonValue.Create(value));
    }
}
