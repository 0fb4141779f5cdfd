using System;
using System.Collections.Immutable;

namespace Credentials.SdJwtVc.TypeMetadata;

/// <summary>
/// An SD-JWT VC Type Metadata document (draft-ietf-oauth-sd-jwt-vc section 5.2): the type's identifier, developer-facing
/// name and description, the type it extends, per-locale display information, and claim metadata.
/// </summary>
/// <remarks>
/// <para>Read untrusted documents with <see cref="Read(ReadOnlyMemory{byte}, TypeMetadataReaderOptions?)"/>, which never
/// throws; write with <see cref="ToUtf8Json"/> (always <c>locale</c>, never <c>lang</c>). Unknown members are ignored
/// (section 5.2). JSON Schema (<c>schema</c>, <c>schema_uri</c>) is no longer part of Type Metadata and is ignored.</para>
/// <para>One document is one link of an <c>extends</c> chain; <see cref="ResolvedTypeMetadata"/> is the merged view a
/// consumer uses after resolving the whole chain.</para>
/// </remarks>
public sealed partial record TypeMetadataDocument
{
    private readonly ImmutableArray<TypeDisplay> _display;
    private readonly ImmutableArray<ClaimMetadata> _claims;

    /// <summary>The verifiable digital credential type this document describes (<c>vct</c>, REQUIRED).</summary>
    public required string Vct { get; init; }

    /// <summary>A name for developers reading the document (<c>name</c>), not for end users.</summary>
    public string? Name { get; init; }

    /// <summary>A description for developers reading the document (<c>description</c>), not for end users.</summary>
    public string? Description { get; init; }

    /// <summary>The type this type extends (<c>extends</c>), if any.</summary>
    public string? Extends { get; init; }

    /// <summary>The SRI integrity metadata of the extended type's document (<c>extends#integrity</c>), if any.</summary>
    public string? ExtendsIntegrity { get; init; }

    /// <summary>The display information per locale (<c>display</c>); empty when absent.</summary>
    public ImmutableArray<TypeDisplay> Display
    {
        get => _display.IsDefault ? [] : _display;
        init => _display = value;
    }

    /// <summary>
    /// Whether the document has a <c>display</c> member (even an empty one). An extending type that has one replaces
    /// the display metadata of the type it extends (section 5.5.2).
    /// </summary>
    public bool HasDisplay => !_display.IsDefault;

    /// <summary>The claim metadata (<c>claims</c>); empty when absent.</summary>
    public ImmutableArray<ClaimMetadata> Claims
    {
        get => _claims.IsDefault ? [] : _claims;
        init => _claims = value;
    }
}
