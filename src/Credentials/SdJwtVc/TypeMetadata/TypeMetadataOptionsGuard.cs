using System;
using Credentials.SdJwtVc.TypeMetadata.Resolution;

namespace Credentials.SdJwtVc.TypeMetadata;

/// <summary>Validates resolver options once, at construction.</summary>
internal static class TypeMetadataOptionsGuard
{
    public static TypeMetadataResolverOptions Validate(TypeMetadataResolverOptions? options)
    {
        options ??= TypeMetadataResolverOptions.Default;
        if (options.Reader is null)
        {
            throw new ArgumentException("The reader options are required.", nameof(options));
        }

        if (options.MaxExtendsDepth < 0 || options.Reader.MaxDocumentBytes <= 0 || options.Reader.MaxDepth <= 0 || options.Reader.MaxEntries < 0)
        {
            throw new ArgumentException("The resolver options are out of range.", nameof(options));
        }

        return options;
    }
}
