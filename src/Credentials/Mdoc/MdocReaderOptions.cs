namespace Credentials.Mdoc;

/// <summary>
/// Limits for reading untrusted mdoc CBOR (IssuerSigned, DeviceResponse, data element values). Every limit has a safe
/// default; exceeding one is <see cref="MdocErrors.LimitExceeded"/>. See <c>specs/limits.md</c>.
/// </summary>
public sealed record MdocReaderOptions
{
    /// <summary>The defaults.</summary>
    public static MdocReaderOptions Default { get; } = new();

    /// <summary>The largest input, in bytes. Default 4 MiB (a DeviceResponse with a portrait is tens of kilobytes).</summary>
    public int MaxBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>The deepest nesting of arrays and maps inside one data element value. Default 16.</summary>
    public int MaxDepth { get; init; } = 16;

    /// <summary>The most entries in one array or map inside a data element value. Default 1024.</summary>
    public int MaxEntries { get; init; } = 1024;

    /// <summary>The most documents in a DeviceResponse. Default 16.</summary>
    public int MaxDocuments { get; init; } = 16;

    /// <summary>The most namespaces in an IssuerSigned, DeviceSigned or MSO. Default 64.</summary>
    public int MaxNamespaces { get; init; } = 64;

    /// <summary>The most data elements (issuer-signed items, value digests or device-signed items) in one document. Default 2048.</summary>
    public int MaxElements { get; init; } = 2048;

    /// <summary>The most certificates in an <c>x5chain</c>. Default 8.</summary>
    public int MaxCertificates { get; init; } = 8;
}
