using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Http;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Samples.Common;
using Credentials.SdJwt;
using Credentials.Status;
using Credentials.Trust;

namespace Credentials.Samples.Verifier;

/// <summary>
/// <c>verify --trust-x5c-root ROOT.pem</c> (repeatable): SD-JWT VCs whose header carries an <c>x5c</c> certificate
/// chain are verified with the key of its leaf when the chain builds to one of these roots and the leaf names the
/// credential's <c>iss</c> (<see cref="X509IssuerKeyResolver"/>, HAIP's X.509 key resolution); credentials without
/// <c>x5c</c> go to <c>--trust</c> when it is given. The roots are trust anchors the verifier configures: a root the
/// credential brings in <c>x5c</c> is never trusted for itself.
/// A Status List Token carries no <c>x5c</c> (the sample issuer signs it with the same key, <c>iss</c> = its URL): one
/// without <c>x5c</c> is checked against the key of the leaf certificate of the credential being verified (within
/// <see cref="BeginVerification"/>, never one of an earlier verification) whose <c>iss</c> it names and whose status
/// list URI, shown in the signed payload, is its <c>sub</c> (<see cref="StatusListTokenVerifier"/> checks <c>sub</c>
/// against the credential's reference as well). The status check runs after the credential's signature check, so the
/// leaf it uses signed a credential. One with <c>x5c</c> goes to the roots; any other to <c>--trust</c> when it is given.
/// </summary>
internal sealed class X5cTrust : IDisposable
{
    private readonly X509Certificate2Collection _roots;
    private readonly HttpClient _http;
    private readonly bool _allowLocalNetwork;

    private readonly X5cOrFallbackResolver _credentials;

    // The leaf keys resolved by the verification running in this async flow; none outside BeginVerification.
    private readonly AsyncLocal<VerificationRecord?> _current;

    private X5cTrust(X509Certificate2Collection roots, X5cOrFallbackResolver credentials, AsyncLocal<VerificationRecord?> current, bool allowLocalNetwork)
    {
        _roots = roots;
        _credentials = credentials;
        _current = current;
        _allowLocalNetwork = allowLocalNetwork;
        _http = GuardedHttpHandler.CreateClient(FetchOptions(allowLocalNetwork));
    }

    /// <summary>Resolves the issuer key from <c>x5c</c> (against the roots), else through the <c>--trust</c> resolver.</summary>
    public IIssuerKeyResolver KeyResolver => _credentials;

    /// <summary>Resolves the key of a Status List Token (see the class remarks).</summary>
    internal IIssuerKeyResolver StatusKeyResolver => new StatusTokenResolver(_credentials);

    /// <summary>
    /// Starts the record of one verification in this async flow (disposing it ends it): the leaf keys its x5c
    /// resolution returns are seen by its own status check only, and forgotten with it.
    /// </summary>
    public IDisposable BeginVerification()
    {
        var scope = new VerificationScope(_current, _current.Value);
        _current.Value = new VerificationRecord();
        return scope;
    }

    /// <summary>How many root certificates were read.</summary>
    public int RootCount => _roots.Count;

    /// <summary>Reads the root certificates (PEM; a file may hold several); bad input is a <see cref="CliException"/>.</summary>
    /// <param name="paths">The <c>--trust-x5c-root</c> files.</param>
    /// <param name="fallback">The <c>--trust</c> resolver for credentials without <c>x5c</c>, if any.</param>
    /// <param name="timeProvider">The clock for certificate validity.</param>
    /// <param name="allowLocalNetwork">Allow http:// and loopback for status lists.</param>
    public static X5cTrust Load(IReadOnlyList<string> paths, IIssuerKeyResolver? fallback, TimeProvider timeProvider, bool allowLocalNetwork)
    {
        var roots = new X509Certificate2Collection();
        foreach (var path in paths)
        {
            var text = CliFiles.ReadAllText(path, "x5c trust anchor");
            var before = roots.Count;
            try
            {
                roots.ImportFromPem(text);
            }
            catch (CryptographicException ex)
            {
                throw new CliException(new CliError(IssuerTrust.InvalidTrustCode, $"'{path}' is not a PEM certificate file: {CliErrors.Reason(ex)}", "Pass the issuer CA's root certificate as PEM (-----BEGIN CERTIFICATE-----) with --trust-x5c-root."), ex);
            }

            if (roots.Count == before)
            {
                throw new CliException(new CliError(IssuerTrust.InvalidTrustCode, $"'{path}' holds no PEM certificate.", "Pass the issuer CA's root certificate as PEM (-----BEGIN CERTIFICATE-----) with --trust-x5c-root."));
            }
        }

        var x5c = new X509IssuerKeyResolver(roots, timeProvider);
        var current = new AsyncLocal<VerificationRecord?>();
        return new X5cTrust(roots, new X5cOrFallbackResolver(x5c, fallback, current, timeProvider), current, allowLocalNetwork);
    }

    /// <summary>A status list resolver whose Status List Tokens are checked against the same roots, or the key of the credential's leaf.</summary>
    public IStatusListResolver CreateStatusResolver(TimeProvider timeProvider)
        => new HttpStatusListResolver(
            _http,
            new StatusListTokenVerifier(StatusKeyResolver, new StatusListTokenVerifierOptions { TimeProvider = timeProvider }),
            new HttpStatusListResolverOptions
            {
                TimeProvider = timeProvider,
                Http = HttpStatusListResolverOptions.Default.Http with { RequireHttps = !_allowLocalNetwork, AddressPolicy = FetchOptions(_allowLocalNetwork).AddressPolicy },
            });

    /// <summary>The hint for an <c>x509.*</c> failure; <see langword="null"/> for any other error.</summary>
    public static string? HintFor(VerificationError error)
    {
        var code = error.Code;
        return code == X509IssuerKeyResolver.InvalidChain
            ? "The credential's x5c certificate chain does not lead to a root given with --trust-x5c-root (or a certificate in it is not valid now): pass the root certificate of the issuer's CA, if you mean to trust it."
            : code == X509IssuerKeyResolver.IssuerMismatch
                ? "The credential's iss is not named by its certificate (SAN URI, or SAN DNS name of an https issuer): the certificate was made for another issuer."
                : code == X509IssuerKeyResolver.KeyUsageNotPermitted || code == X509IssuerKeyResolver.UnsupportedKey
                    ? "The credential's certificate may not sign credentials (key usage, extended key usage, a CA certificate, or a key that is not P-256/P-384)."
                    : null;
    }

    public void Dispose()
    {
        _http.Dispose();
        foreach (var root in _roots)
        {
            root.Dispose();
        }
    }

    private static HttpFetchOptions FetchOptions(bool allowLocalNetwork)
        => HttpFetchOptions.Default with { RequireHttps = !allowLocalNetwork, AddressPolicy = allowLocalNetwork ? HttpAddressPolicy.PublicAndLoopback : HttpAddressPolicy.PublicOnly };

    /// <summary>
    /// A JWT with <c>x5c</c> goes to the X.509 resolver (and only there); one without to <c>--trust</c>, if given. The
    /// leaf keys it resolved are recorded (public keys only) in the current verification's record, if any: its status
    /// check may use them; no state outlives the verification.
    /// </summary>
    private sealed class X5cOrFallbackResolver(X509IssuerKeyResolver x5c, IIssuerKeyResolver? fallback, AsyncLocal<VerificationRecord?> current, TimeProvider timeProvider) : IIssuerKeyResolver
    {
        public X509IssuerKeyResolver X5c => x5c;

        public IIssuerKeyResolver? Fallback => fallback;

        public async ValueTask<VerificationResult<VerificationKey>> ResolveAsync(IssuerKeyRequest request, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(request);
            if (fallback is not null && !request.Jwt.Header.TryGetProperty("x5c", out _))
            {
                return await fallback.ResolveAsync(request, cancellationToken).ConfigureAwait(false);
            }

            var resolved = await x5c.ResolveAsync(request, cancellationToken).ConfigureAwait(false);
            if (resolved.IsValid
                && current.Value is { } record
                && request.Issuer is { } issuer
                && StatusListUri(request.Jwt) is { } statusListUri
                && LeafNotAfter(request.Jwt) is { } notAfter)
            {
                // The chain built to a configured root and the leaf names iss: its key may sign this issuer's status
                // list, for this verification only (whose status check runs after the credential's signature check).
                record.Add(new CertifiedIssuer(issuer, statusListUri, resolved.Value.Jwk.ToPublic(), notAfter));
            }

            return resolved;
        }

        /// <summary>
        /// The leaf key of a credential of <paramref name="issuer"/> whose status list is <paramref name="subject"/>,
        /// resolved in the current verification, its certificate not expired; when several keys fit, the one
        /// <paramref name="keyId"/> names (<c>kid</c> or JWK thumbprint), else none.
        /// </summary>
        public Jwk? CertifiedKey(string issuer, string? subject, string? keyId)
        {
            if (subject is null || current.Value is not { } record)
            {
                return null;
            }

            var now = timeProvider.GetUtcNow();
            var fitting = new Dictionary<string, Jwk>(StringComparer.Ordinal);
            foreach (var certified in record.Snapshot())
            {
                if (string.Equals(certified.Issuer, issuer, StringComparison.Ordinal)
                    && string.Equals(certified.StatusListUri, subject, StringComparison.Ordinal)
                    && now <= certified.NotAfter)
                {
                    fitting.TryAdd(certified.Key.ComputeThumbprint(), certified.Key);
                }
            }

            if (fitting.Count <= 1)
            {
                return fitting.Count == 1 ? fitting.Values.First() : null;
            }

            // Several keys fit: only the one the token names (kid or JWK thumbprint), never the first that came.
            Jwk? named = null;
            foreach (var (thumbprint, key) in fitting)
            {
                if (keyId is not null && (string.Equals(key.Kid, keyId, StringComparison.Ordinal) || string.Equals(thumbprint, keyId, StringComparison.Ordinal)))
                {
                    if (named is not null)
                    {
                        return null;
                    }

                    named = key;
                }
            }

            return named;
        }

        // The credential's status.status_list.uri when it is shown in the signed payload (not in a disclosure).
        private static string? StatusListUri(Jws jwt)
        {
            var payload = jwt.ParsePayload();
            return payload.IsValid
                && payload.Value.ValueKind == JsonValueKind.Object
                && payload.Value.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Object
                && status.TryGetProperty("status_list", out var list) && list.ValueKind == JsonValueKind.Object
                && list.TryGetProperty("uri", out var uri) && uri.ValueKind == JsonValueKind.String
                ? uri.GetString()
                : null;
        }

        // The end of the validity of the leaf certificate (x5c[0]) the X.509 resolver just accepted.
        private static DateTimeOffset? LeafNotAfter(Jws jwt)
        {
            if (!jwt.Header.TryGetProperty("x5c", out var chain) || chain.ValueKind != JsonValueKind.Array || chain.GetArrayLength() == 0
                || chain[0].ValueKind != JsonValueKind.String)
            {
                return null;
            }

            try
            {
                using var leaf = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(chain[0].GetString()!));
                return new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            }
            catch (Exception ex) when (ex is CryptographicException or FormatException)
            {
                return null;
            }
        }
    }

    private sealed record CertifiedIssuer(string Issuer, string StatusListUri, Jwk Key, DateTimeOffset NotAfter);

    /// <summary>The leaf keys resolved during one verification (a presentation holds few credentials: bounded).</summary>
    private sealed class VerificationRecord
    {
        private const int MaxEntries = 8;
        private readonly object _gate = new();
        private readonly List<CertifiedIssuer> _entries = [];

        public void Add(CertifiedIssuer certified)
        {
            lock (_gate)
            {
                if (_entries.Count < MaxEntries)
                {
                    _entries.Add(certified);
                }
            }
        }

        public CertifiedIssuer[] Snapshot()
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    private sealed class VerificationScope(AsyncLocal<VerificationRecord?> current, VerificationRecord? previous) : IDisposable
    {
        public void Dispose() => current.Value = previous;
    }

    /// <summary>
    /// A Status List Token with <c>x5c</c> goes to the roots; one without, naming (<c>iss</c>, <c>sub</c>) the credential
    /// being verified, whose leaf certificate was accepted, to that leaf's key; any other to <c>--trust</c>, else to the roots
    /// (which refuse it with <c>x509.invalid_chain</c>).
    /// </summary>
    private sealed class StatusTokenResolver(X5cOrFallbackResolver credentials) : IIssuerKeyResolver
    {
        public ValueTask<VerificationResult<VerificationKey>> ResolveAsync(IssuerKeyRequest request, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(request);
            if (request.Jwt.Header.TryGetProperty("x5c", out _))
            {
                return credentials.X5c.ResolveAsync(request, cancellationToken);
            }

            if (request.Issuer is { } issuer && credentials.CertifiedKey(issuer, Subject(request.Jwt), request.Jwt.KeyId) is { } leafKey)
            {
                return ValueTask.FromResult(VerificationKey.FromJwk(leafKey));
            }

            return credentials.Fallback is { } fallback
                ? fallback.ResolveAsync(request, cancellationToken)
                : credentials.X5c.ResolveAsync(request, cancellationToken);
        }

        private static string? Subject(Jws jwt)
        {
            var payload = jwt.ParsePayload();
            return payload.IsValid && payload.Value.ValueKind == JsonValueKind.Object
                && payload.Value.TryGetProperty("sub", out var sub) && sub.ValueKind == JsonValueKind.String
                ? sub.GetString()
                : null;
        }
    }
}
