namespace Credentials.Dids;

/// <summary>Limits for reading untrusted DID documents.</summary>
public sealed record DidDocumentReaderOptions
{
    /// <summary>The default options.</summary>
    public static DidDocumentReaderOptions Default { get; } = new();

    /// <summary>The largest document accepted, in bytes. Default 256 KiB.</summary>
    public int MaxLength { get; init; } = 256 * 1024;

    /// <summary>The deepest JSON nesting accepted. Default 32.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>The most entries accepted in any one list (verification methods, a relationship, services). Default 256.</summary>
    public int MaxEntries { get; init; } = 256;
}
