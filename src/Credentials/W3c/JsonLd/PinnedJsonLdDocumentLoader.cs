using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Internal;

namespace Credentials.W3c.JsonLd;

/// <summary>
/// A document loader that serves only the JSON-LD contexts shipped inside this package, each checked against its
/// pinned SHA-256 digest when it is first read. It never touches the network.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Default"/> serves the contexts a verifier of W3C Verifiable Credentials (1.1 and 2.0), Data Integrity,
/// Multikey, JWK, Bitstring Status List, StatusList2021, citizenship v4rc1 and Open Badges 3.0 needs
/// (<see cref="Urls"/> lists them). <see cref="WithCatchAllContexts"/> adds the three contexts that only declare a
/// <c>@vocab</c> (the VC examples contexts 1.1 and 2.0, and <c>undefined-terms/v2</c>): with them any term is
/// defined, so safe mode no longer catches undefined terms; use them for test vectors and examples, not to verify
/// production credentials. <see cref="WithFallback"/> asks another loader for every URL not pinned here.
/// </para>
/// <para>
/// URLs match exactly (ordinal, as written in the document after resolution). A context whose bytes do not have their
/// pinned digest is refused with <see cref="JsonLdErrors.PinnedContextMismatch"/>. Each context is parsed once per
/// process and the same <see cref="JsonLdRemoteDocument"/> is returned every time, so its processed form is cached.
/// Thread-safe.
/// </para>
/// </remarks>
public sealed class PinnedJsonLdDocumentLoader : IJsonLdDocumentLoader
{
    private static readonly PinnedContext[] s_contexts =
    [
        new("https://www.w3.org/ns/credentials/v2", "credentials-v2.jsonld", "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734"),
        new("https://www.w3.org/2018/credentials/v1", "credentials-v1.jsonld", "ab4ddd9a531758807a79a5b450510d61ae8d147eab966cc9a200c07095b0cdcc"),
        new("https://w3id.org/security/data-integrity/v2", "data-integrity-v2.jsonld", "67f21e6e33a6c14e5ccfd2fc7865f7474fb71a04af7e94136cb399dfac8ae8f4"),
        new("https://w3id.org/security/data-integrity/v1", "data-integrity-v1.jsonld", "b5d829bd09aa7c42abc6efa0c8ed7635313b5487f37ccfce3ecd149ca9418554"),
        new("https://w3id.org/security/multikey/v1", "multikey-v1.jsonld", "ba2c182de2d92f7e47184bcca8fcf0beaee6d3986c527bf664c195bbc7c58597"),
        new("https://w3id.org/security/jwk/v1", "jwk-v1.jsonld", "0f14b62f6071aafe00df265770ea0c7508e118247d79b7d861a406d2aa00bece"),
        new("https://www.w3.org/ns/credentials/status/v1", "credentials-status-v1.jsonld", "fda5add353231e6a6884a46b12e6c75464281900cb348284d9c360f62381d9f7"),
        new("https://w3id.org/vc/status-list/2021/v1", "vc-status-list-2021-v1.jsonld", "6dd06a52bedb771e059c1083ba8ba7848dce22f6b4a8cfa0b98ba3fc188870e4"),
        new("https://w3id.org/citizenship/v4rc1", "citizenship-v4rc1.jsonld", "5038c7383afd7ab2158f1b997913a8f60978a0abcf96e0b0d08e29f146d2db1e"),
        new("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "ob-v3p0-context-3.0.3.json", "ef2fa9c7846dce233cc166b43639027278be4ee44f00bb1d45c75de2dd0cd761"),
        new("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json", "ob-v3p0-context-3.0.2.json", "00666ad080ba407687ed1846b7f5e7495f5019042b202a727de47c48a1755c53"),
        new("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json", "ob-v3p0-context-3.0.1.json", "d582f3564282fb3b709136d28412e78e70b678b4dbc2f0221f67d84932748355"),
        new("https://purl.imsglobal.org/spec/ob/v3p0/context.json", "ob-v3p0-context.json", "b077fa134d909d92c1dcd1c153f2af1b244aeb415967fdc1467d7fc5dd48ac10"),
        new("https://purl.imsglobal.org/spec/ob/v3p0/extensions.json", "ob-v3p0-extensions.json", "2d013f981d1f4516081a6a04e55468ba2b071d4153b794f19a79715c45a89a5e"),
        new("https://www.w3.org/ns/credentials/examples/v2", "credentials-examples-v2.jsonld", "57393fbc69d6efb9b9b5dc9cb6b9880b0944360abfe2eaf459c9e58cf2279d7c", CatchAll: true),
        new("https://www.w3.org/2018/credentials/examples/v1", "credentials-examples-v1.jsonld", "2070ae4e75bc3b4c2cfe2b8b6e86ec45119672bbb5da283f0399ea96c60a0104", CatchAll: true),
        new("https://www.w3.org/ns/credentials/undefined-terms/v2", "credentials-undefined-terms-v2.jsonld", "82dab514ba44eb18f5d1b0f638c5e140c6a556fbfb5089601bdc0fa5eb8b2581", CatchAll: true),
    ];

    private static readonly PinnedStore s_store = new(ReadResource);

    private readonly PinnedStore _store;
    private readonly bool _catchAll;
    private readonly IJsonLdDocumentLoader? _fallback;

    private PinnedJsonLdDocumentLoader(PinnedStore store, bool catchAll, IJsonLdDocumentLoader? fallback)
    {
        _store = store;
        _catchAll = catchAll;
        _fallback = fallback;
        var urls = ImmutableArray.CreateBuilder<Uri>();
        foreach (var context in s_contexts)
        {
            if (catchAll || !context.CatchAll)
            {
                urls.Add(new Uri(context.Url, UriKind.Absolute));
            }
        }

        Urls = urls.ToImmutable();
    }

    /// <summary>The contexts a verifier needs, without the <c>@vocab</c> catch-all contexts.</summary>
    public static PinnedJsonLdDocumentLoader Default { get; } = new(s_store, catchAll: false, fallback: null);

    /// <summary>The URLs this loader serves from its pinned copies.</summary>
    public IReadOnlyList<Uri> Urls { get; }

    /// <summary>
    /// A loader that also serves the VC examples contexts (1.1 and 2.0) and <c>undefined-terms/v2</c>, which define
    /// every term through <c>@vocab</c>. For test vectors and specification examples.
    /// </summary>
    /// <returns>The loader.</returns>
    public PinnedJsonLdDocumentLoader WithCatchAllContexts() => new(_store, catchAll: true, _fallback);

    /// <summary>A loader that serves the pinned contexts and asks <paramref name="fallback"/> for every other URL.</summary>
    /// <param name="fallback">The application's loader, for example one over its own pinned contexts.</param>
    /// <returns>The loader.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fallback"/> is null.</exception>
    public PinnedJsonLdDocumentLoader WithFallback(IJsonLdDocumentLoader fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return new(_store, _catchAll, fallback);
    }

    /// <inheritdoc />
    public ValueTask<VerificationResult<JsonLdRemoteDocument>> LoadAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var text = url.OriginalString;
        for (var i = 0; i < s_contexts.Length; i++)
        {
            var context = s_contexts[i];
            if (string.Equals(context.Url, text, StringComparison.Ordinal) && (_catchAll || !context.CatchAll))
            {
                return ValueTask.FromResult(_store.Get(i));
            }
        }

        if (_fallback is not null)
        {
            return _fallback.LoadAsync(url, cancellationToken);
        }

        return ValueTask.FromResult(VerificationResult<JsonLdRemoteDocument>.Failure(
            new VerificationError(JsonLdErrors.ContextNotPinned, "The context is not one of the pinned contexts; contexts are never fetched.")));
    }

    /// <summary>A loader over other bytes for the same URLs, to test the digest check.</summary>
    internal static PinnedJsonLdDocumentLoader ForTesting(Func<string, byte[]?> readResource) => new(new PinnedStore(readResource), catchAll: true, fallback: null);

    private static byte[]? ReadResource(string file)
    {
        using var stream = typeof(PinnedJsonLdDocumentLoader).Assembly.GetManifestResourceStream("Credentials.W3c.JsonLd.Contexts." + file);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream((int)stream.Length);
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private sealed record PinnedContext(string Url, string File, string Sha256, bool CatchAll = false);

    /// <summary>The pinned documents, each read, checked and parsed on first use.</summary>
    private sealed class PinnedStore(Func<string, byte[]?> readResource)
    {
        private readonly VerificationResult<JsonLdRemoteDocument>?[] _documents = new VerificationResult<JsonLdRemoteDocument>?[s_contexts.Length];

        public VerificationResult<JsonLdRemoteDocument> Get(int index)
        {
            var document = Volatile.Read(ref _documents[index]);
            if (document is null)
            {
                document = Load(s_contexts[index]);
                document = Interlocked.CompareExchange(ref _documents[index], document, null) ?? document;
            }

            return document;
        }

        private VerificationResult<JsonLdRemoteDocument> Load(PinnedContext context)
        {
            var bytes = readResource(context.File);
            if (bytes is null)
            {
                return new VerificationError(JsonLdErrors.PinnedContextMismatch, "A pinned context is missing from the package.");
            }

            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes, digest);
            if (!CryptographicOperations.FixedTimeEquals(digest, Convert.FromHexString(context.Sha256)))
            {
                return new VerificationError(JsonLdErrors.PinnedContextMismatch, "A pinned context does not have its pinned SHA-256 digest.");
            }

            var parsed = SafeJson.TryParse(bytes, maxDepth: 64);
            if (parsed is null)
            {
                return new VerificationError(JsonLdErrors.PinnedContextMismatch, "A pinned context is not JSON.");
            }

            return new JsonLdRemoteDocument(new Uri(context.Url, UriKind.Absolute), parsed.RootElement, contextUrl: null, pinned: true);
        }
    }
}
