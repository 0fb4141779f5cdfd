using System;
using Credentials.W3c.JsonLd;
using System.Collections.Generic;

namespace Credentials.W3c.DataIntegrity;

/// <summary>Options for <see cref="DataIntegrityVerifier"/>: the cryptosuite allow-list, the clock and the limits.</summary>
public sealed record DataIntegrityVerifierOptions
{
    /// <summary>The default options.</summary>
    public static DataIntegrityVerifierOptions Default { get; } = new();

    /// <summary>The cryptosuites accepted; a proof with any other fails with <c>di.unsupported_cryptosuite</c>. Default <see cref="Cryptosuite.All"/>.</summary>
    public IReadOnlyList<Cryptosuite> AllowedCryptosuites { get; init; } = Cryptosuite.All;

    /// <summary>The clock <c>created</c> and <c>expires</c> are checked against.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The clock skew allowed for <c>created</c> and <c>expires</c>. Default 60 seconds.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The most proofs a document may carry. Default 8.</summary>
    public int MaxProofs { get; init; } = 8;

    /// <summary>The deepest JSON nesting accepted. Default 64.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>
    /// Where the RDFC suites get JSON-LD contexts. Default <see cref="PinnedJsonLdDocumentLoader.Default"/>: only the
    /// contexts shipped with the package, checked by digest, never the network.
    /// </summary>
    public IJsonLdDocumentLoader DocumentLoader { get; init; } = PinnedJsonLdDocumentLoader.Default;

    /// <summary>
    /// Finds verification methods whose identifiers are URLs other than DID URLs (for example configured issuer keys in
    /// a <see cref="StaticVerificationMethodResolver"/>, or controller documents fetched by an
    /// <see cref="HttpVerificationMethodResolver"/>). Default <see langword="null"/>: such a method fails with
    /// <c>di.verification_method_unresolved</c>; DID URLs are always resolved with the DID resolver.
    /// </summary>
    public IVerificationMethodResolver? VerificationMethods { get; init; }

    /// <summary>
    /// JSON-LD processing for the RDFC suites. Default <see cref="JsonLdOptions.Default"/>: safe mode, so a term no
    /// context defines (and which would therefore go unsigned) fails instead of being dropped.
    /// </summary>
    public JsonLdOptions JsonLd { get; init; } = JsonLdOptions.Default;
}
