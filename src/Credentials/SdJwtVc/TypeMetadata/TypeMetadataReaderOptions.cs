namespace Credentials.SdJwtVc.TypeMetadata;

/// <summary>Limits and tolerances for reading a Type Metadata document. The defaults are meant for production.</summary>
public sealed record TypeMetadataReaderOptions
{
    /// <summary>The default options.</summary>
    public static TypeMetadataReaderOptions Default { get; } = new();

    /// <summary>The largest document accepted, in bytes. Default 256 KiB.</summary>
    public int MaxDocumentBytes { get; init; } = 256 * 1024;

    /// <summary>The deepest JSON nesting accepted. Default 32.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>The most entries accepted in <c>claims</c>, and in each <c>display</c> array. Default 1,000.</summary>
    public int MaxEntries { get; init; } = 1000;

    /// <summary>
    /// Whether the pre-draft-12 member name <c>lang</c> is accepted where <c>locale</c> is expected. Default
    /// <see langword="true"/>; the writer always writes <c>locale</c>.
    /// </summary>
    public bool AcceptLang { get; init; } = true;
}
