using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Http;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.Status;
using Credentials.Trust;

namespace Credentials.Samples.Common;

/// <summary>
/// The issuers an app trusts, from the <c>--trust</c> value: a public JWK file (one issuer key, any <c>iss</c>), a DID
/// (that issuer only, its keys resolved from its DID document), or a trust list file (<c>specs/trust.md</c>: issuers,
/// keys and the credential types each may issue).
/// </summary>
public sealed class IssuerTrust : IDisposable
{
    /// <summary>The error code for a <c>--trust</c> value that is none of the three forms.</summary>
    public const string InvalidTrustCode = "cli.invalid_trust";

    private readonly HttpClient _http;
    private readonly TrustList? _trustList;
    private readonly bool _allowLocalNetwork;

    private IssuerTrust(HttpClient http, IIssuerKeyResolver keys, TrustList? trustList, string description, bool allowLocalNetwork, Jwk? trustedKey = null)
    {
        _http = http;
        TrustedKey = trustedKey;
        KeyResolver = keys;
        _trustList = trustList;
        Description = description;
        _allowLocalNetwork = allowLocalNetwork;
    }

    /// <summary>Resolves the issuer's signing key.</summary>
    public IIssuerKeyResolver KeyResolver { get; }

    /// <summary>Which issuer may issue which type (trust lists and DIDs only; a bare key file authorizes nothing more).</summary>
    public IIssuerAuthorization? Authorization => _trustList;

    /// <summary>The one issuer key trusted, when <c>--trust</c> is a public JWK file; else <see langword="null"/>.</summary>
    public Jwk? TrustedKey { get; }

    /// <summary>
    /// The trusted issuers when <c>--trust</c> is a DID (that one issuer) or a trust list (its issuers, with the keys
    /// it pins); empty when it is a public JWK file.
    /// </summary>
    public IReadOnlyList<TrustedIssuer> Issuers => _trustList is null ? [] : [.. _trustList.Issuers];

    /// <summary>What is trusted, for people.</summary>
    public string Description { get; }

    /// <summary>
    /// Reads the <c>--trust</c> value. Bad input is a <see cref="CliException"/>: a missing file, a private key, a
    /// malformed trust list, a malformed DID.
    /// </summary>
    /// <param name="value">A file path or a DID.</param>
    /// <param name="allowLocalNetwork">Allow <c>http://</c> and loopback addresses for DID documents and status lists (local demos).</param>
    public static IssuerTrust Load(string value, bool allowLocalNetwork)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        // Every fetch (DID documents, status lists) goes through the guarded handler: the address policy is checked at
        // connect time, so a host that resolves to an internal address (or rebinds to one) is refused.
        var http = GuardedHttpHandler.CreateClient(FetchOptions(allowLocalNetwork));
        try
        {
            if (value.StartsWith("did:", StringComparison.Ordinal))
            {
                if (!Did.TryParse(value, out _))
                {
                    throw new CliException(new CliError(InvalidTrustCode, $"'{value}' is not a valid DID.", "Pass the issuer's DID (for example did:key:z6Mk...), a public JWK file or a trust list file."));
                }

                var list = new TrustList([new TrustedIssuer { Issuer = value, CredentialTypes = ["*"] }], DidKeys(http, allowLocalNetwork));
                return new IssuerTrust(http, list, list, $"DID {value}", allowLocalNetwork);
            }

            var text = CliFiles.ReadAllText(value, "trust (public JWK or trust list)");
            if (IsJwk(text))
            {
                var jwk = JwkFile.ReadPublic(value, "issuer public key");
                return new IssuerTrust(http, new StaticIssuerKeyResolver(jwk), null, $"issuer key {jwk.ComputeThumbprint()}", allowLocalNetwork, jwk);
            }

            try
            {
                var list = TrustList.Parse(text, DidKeys(http, allowLocalNetwork));
                return new IssuerTrust(http, list, list, $"trust list {Path.GetFileName(value)}", allowLocalNetwork);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or JsonException)
            {
                throw new CliException(
                    new CliError(InvalidTrustCode, $"'{value}' is neither a public JWK nor a trust list: {CliErrors.Reason(ex)}", "Pass the issuer's public JWK (issuer keys create writes one), a DID, or a trust list ({\"issuers\": [...]}, see specs/trust.md)."),
                    ex);
            }
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>A status list resolver that checks status list tokens against the same trusted keys.</summary>
    public IStatusListResolver CreateStatusResolver(TimeProvider timeProvider)
        => new HttpStatusListResolver(
            _http,
            new StatusListTokenVerifier(KeyResolver, new StatusListTokenVerifierOptions { TimeProvider = timeProvider }),
            new HttpStatusListResolverOptions
            {
                TimeProvider = timeProvider,
                Http = HttpStatusListResolverOptions.Default.Http with { RequireHttps = !_allowLocalNetwork, AddressPolicy = FetchOptions(_allowLocalNetwork).AddressPolicy },
            });

    /// <inheritdoc />
    public void Dispose()
    {
        _trustList?.Dispose();
        _http.Dispose();
    }

    private static DidIssuerKeyResolver DidKeys(HttpClient http, bool allowLocalNetwork)
        => new(DidResolver.CreateDefault(
            http,
            new DidWebResolverOptions
            {
                Http = FetchOptions(allowLocalNetwork),
            }));

    // Loopback and http:// only for local demos (--allow-local-network); public HTTPS otherwise.
    private static HttpFetchOptions FetchOptions(bool allowLocalNetwork)
        => HttpFetchOptions.Default with { RequireHttps = !allowLocalNetwork, AddressPolicy = allowLocalNetwork ? HttpAddressPolicy.PublicAndLoopback : HttpAddressPolicy.PublicOnly };

    private static bool IsJwk(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, CliJson.InputOptions);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("kty", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
