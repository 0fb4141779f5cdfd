namespace Credentials.SdJwtVc.TypeMetadata.Resolution;

/// <summary>How a resolver reads documents and follows <c>extends</c> chains. The defaults are meant for production.</summary>
public sealed record TypeMetadataResolverOptions
{
    /// <summary>The default options.</summary>
    public static TypeMetadataResolverOptions Default { get; } = new();

    /// <summary>
    /// The most <c>extends</c> steps followed from the credential's type. Default 5: a chain of at most six documents;
    /// a longer one fails with <see cref="TypeMetadataErrors.TooDeep"/>.
    /// </summary>
    public int MaxExtendsDepth { get; init; } = 5;

    /// <summary>Limits for reading each document.</summary>
    public TypeMetadataReaderOptions Reader { get; init; } = TypeMetadataReaderOptions.Default;
}
