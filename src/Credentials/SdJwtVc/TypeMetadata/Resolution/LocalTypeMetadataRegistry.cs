using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.SdJwtVc.TypeMetadata.Resolution;

/// <summary>
/// Type Metadata documents held locally: a registry or a pre-populated cache (draft-ietf-oauth-sd-jwt-vc sections 5.3.2
/// and 5.3.4), so metadata resolves offline. Documents are kept as the exact bytes given, and integrity is computed
/// over those bytes. Immutable and thread-safe.
/// </summary>
public sealed class LocalTypeMetadataRegistry : ITypeMetadataResolver, ITypeMetadataDocumentSource
{
    private readonly ImmutableDictionary<string, ReadOnlyMemory<byte>> _documents;
    private readonly TypeMetadataResolverOptions _options;
    private readonly ITypeMetadataDocumentSource[] _self;

    /// <summary>Creates a registry from documents keyed by the type they are served for.</summary>
    /// <param name="documentsByVct">The documents' exact bytes per <c>vct</c>. A document whose own <c>vct</c> differs is refused when resolved.</param>
    /// <param name="options">Resolution settings; <see cref="TypeMetadataResolverOptions.Default"/> when omitted.</param>
    /// <exception cref="ArgumentException">The options are out of range.</exception>
    public LocalTypeMetadataRegistry(IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> documentsByVct, TypeMetadataResolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(documentsByVct);
        _options = TypeMetadataOptionsGuard.Validate(options);
        var builder = ImmutableDictionary.CreateBuilder<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        foreach (var (vct, bytes) in documentsByVct)
        {
            ArgumentNullException.ThrowIfNull(vct, nameof(documentsByVct));
            builder[vct] = bytes.ToArray();
        }

        _documents = builder.ToImmutable();
        _self = [this];
    }

    /// <summary>
    /// Creates a registry from documents, each registered under its own <c>vct</c>.
    /// </summary>
    /// <param name="documents">The documents' exact bytes.</param>
    /// <param name="options">Resolution settings.</param>
    /// <exception cref="ArgumentException">A document is not valid Type Metadata, or two documents have the same <c>vct</c>.</exception>
    public static LocalTypeMetadataRegistry FromDocuments(IEnumerable<ReadOnlyMemory<byte>> documents, TypeMetadataResolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var reader = (options ?? TypeMetadataResolverOptions.Default).Reader;
        var map = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            var parsed = TypeMetadataDocument.Read(document, reader);
            if (!parsed.IsValid)
            {
                throw new ArgumentException($"A document is not valid Type Metadata ({parsed.Error.Code}).", nameof(documents));
            }

            if (!map.TryAdd(parsed.Value.Vct, document))
            {
                throw new ArgumentException("Two documents have the same vct.", nameof(documents));
            }
        }

        return new LocalTypeMetadataRegistry(map, options);
    }

    /// <summary>Creates a registry from the <c>*.json</c> files of a directory, each registered under its own <c>vct</c>.</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="options">Resolution settings.</param>
    /// <exception cref="ArgumentException">A file is not valid Type Metadata, or two files have the same <c>vct</c>.</exception>
    /// <exception cref="IOException">The directory or a file cannot be read.</exception>
    public static LocalTypeMetadataRegistry FromDirectory(string directory, TypeMetadataResolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var files = Directory.GetFiles(directory, "*.json", SearchOption.TopDirectoryOnly);
        Array.Sort(files, StringComparer.Ordinal);
        var documents = new List<ReadOnlyMemory<byte>>(files.Length);
        foreach (var file in files)
        {
            documents.Add(File.ReadAllBytes(file));
        }

        return FromDocuments(documents, options);
    }

    /// <summary>The registered types.</summary>
    public IEnumerable<string> Types => _documents.Keys;

    /// <inheritdoc />
    public ValueTask<VerificationResult<ReadOnlyMemory<byte>>> GetDocumentAsync(string vct, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vct);
        return ValueTask.FromResult(_documents.TryGetValue(vct, out var bytes)
            ? VerificationResult<ReadOnlyMemory<byte>>.Success(bytes)
            : new VerificationError(TypeMetadataErrors.NotFound, "The registry has no Type Metadata for the type."));
    }

    /// <inheritdoc />
    public ValueTask<VerificationResult<ResolvedTypeMetadata>> ResolveAsync(string vct, string? integrity, CancellationToken cancellationToken = default)
        => TypeMetadataChainResolver.ResolveAsync(_self, vct, integrity, _options, cancellationToken);
}
