using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Http;
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
/// </summary>
internal sealed class X5cTrust : IDisposable
{
    private readonly X509Certificate2Collection _roots;
    private readonly HttpClient _http;
    private readonly bool _allowLocalNetwork;

    private X5cTrust(X509Certificate2Collection roots, IIssuerKeyResolver keyResolver, bool allowLocalNetwork)
    {
        _roots = roots;
        KeyResolver = keyResolver;
        _allowLocalNetwork = allowLocalNetwork;
        _http = GuardedHttpHandler.CreateClient(FetchOptions(allowLocalNetwork));
    }

    /// <summary>Resolves the issuer key from <c>x5c</c> (against the roots), else through the <c>--trust</c> resolver.</summary>
    public IIssuerKeyResolver KeyResolver { get; }

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
        return new X5cTrust(roots, new X5cOrFallbackResolver(x5c, fallback), allowLocalNetwork);
    }

    /// <summary>A status list resolver whose Status List Tokens are checked against the same keys.</summary>
    public IStatusListResolver CreateStatusResolver(TimeProvider timeProvider)
        => new HttpStatusListResolver(
            _http,
            new StatusListTokenVerifier(KeyResolver, new StatusListTokenVerifierOptions { TimeProvider = timeProvider }),
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

    /// <summary>A JWT with <c>x5c</c> goes to the X.509 resolver (and only there); one without to <c>--trust</c>, if given.</summary>
    private sealed class X5cOrFallbackResolver(X509IssuerKeyResolver x5c, IIssuerKeyResolver? fallback) : IIssuerKeyResolver
    {
        public ValueTask<VerificationResult<VerificationKey>> ResolveAsync(IssuerKeyRequest request, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(request);
            return fallback is null || request.Jwt.Header.TryGetProperty("x5c", out _)
                ? x5c.ResolveAsync(request, cancellationToken)
                : fallback.ResolveAsync(request, cancellationToken);
        }
    }
}
