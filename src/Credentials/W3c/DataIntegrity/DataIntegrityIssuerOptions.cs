using System;
using Credentials.W3c.JsonLd;

namespace Credentials.W3c.DataIntegrity;

/// <summary>Options for <see cref="DataIntegrityIssuer"/>.</summary>
public sealed record DataIntegrityIssuerOptions
{
    /// <summary>The default options.</summary>
    public static DataIntegrityIssuerOptions Default { get; } = new();

    /// <summary>The clock for <c>created</c> when a proof's options give none.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Where the RDFC suites get JSON-LD contexts. Default <see cref="PinnedJsonLdDocumentLoader.Default"/>: only the
    /// contexts shipped with the package, checked by digest, never the network.
    /// </summary>
    public IJsonLdDocumentLoader DocumentLoader { get; init; } = PinnedJsonLdDocumentLoader.Default;

    /// <summary>
    /// JSON-LD processing for the RDFC suites. Default <see cref="JsonLdOptions.Default"/>: safe mode, so a term no
    /// context defines (and which would therefore go unsigned) fails instead of being dropped.
    /// </summary>
    public JsonLdOptions JsonLd { get; init; } = JsonLdOptions.Default;
}
