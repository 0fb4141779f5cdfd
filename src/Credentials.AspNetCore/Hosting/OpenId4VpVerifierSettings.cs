using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Mdoc;
using Credentials.OpenId4Vp;
using Credentials.W3c;
using Microsoft.Extensions.Configuration;

namespace Credentials.AspNetCore.Hosting;

/// <summary>
/// The mutable settings an app registers an <see cref="OpenId4VpVerifier"/> with (see
/// <see cref="Microsoft.Extensions.DependencyInjection.OpenId4VpServiceCollectionExtensions"/>). Scalar values can come
/// from configuration (keys are these property names; URLs absolute, spans such as <c>00:05:00</c>, a list replaces the
/// default one); signers, certificates, policies and callbacks are set in code. They become an immutable
/// <see cref="OpenId4VpVerifierOptions"/> once, when the verifier is first resolved; each property has the same meaning
/// and default as the option of the same name.
/// </summary>
public sealed class OpenId4VpVerifierSettings
{
    /// <summary>The Client Identifier with its prefix (<see cref="OpenId4VpVerifierOptions.ClientId"/>). Required.</summary>
    public string? ClientId { get; set; }

    /// <summary>The absolute URL of the response endpoint. Required.</summary>
    public Uri? ResponseUri { get; set; }

    /// <summary>The base of the Request URIs; required to offer requests by reference.</summary>
    public Uri? RequestUriBase { get; set; }

    /// <summary>Signs Request Objects; set in code.</summary>
    public ISigner? RequestSigner { get; set; }

    /// <summary>The certificate chain for <c>x509_san_dns</c> and <c>x509_hash</c> clients, leaf first; set in code.</summary>
    public IList<X509Certificate2> RequestCertificateChain { get; } = [];

    /// <summary>Attestations about the verifier sent in every request's <c>verifier_info</c>; set in code.</summary>
    public IList<VerifierInfo> VerifierInfo { get; } = [];

    /// <summary>The <c>kid</c> for Request Objects; default the signer's key id.</summary>
    public string? RequestSignerKeyId { get; set; }

    /// <summary>The <c>request_uri_method</c> to announce: none or <c>post</c>.</summary>
    public string? RequestUriMethod { get; set; }

    /// <summary>The wallet's authorization endpoint links start with. Default <c>openid4vp://</c>.</summary>
    public string WalletAuthorizationEndpoint { get; set; } = OpenId4VpConstants.Scheme + "://";

    /// <summary>When set, the response endpoint answers with this URL and a fresh <c>response_code</c>.</summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>The <c>client_metadata</c> sent with requests; the default when <see langword="null"/>. Set in code.</summary>
    public JsonElement? ClientMetadata { get; set; }

    /// <summary>Verifies presentations of W3C credentials; set in code.</summary>
    public W3cPresentationVerifier? W3cPresentations { get; set; }

    /// <summary>The Response Mode of redirect requests: <c>direct_post</c> (the default) or <c>direct_post.jwt</c>.</summary>
    public string ResponseMode { get; set; } = OpenId4VpConstants.ResponseModeDirectPost;

    /// <summary>The Response Mode of Digital Credentials API requests: <c>dc_api</c> (the default) or <c>dc_api.jwt</c>.</summary>
    public string DcApiResponseMode { get; set; } = OpenId4VpConstants.ResponseModeDcApi;

    /// <summary>The JWE <c>enc</c> values offered and accepted. Default <c>A128GCM</c>, <c>A256GCM</c>.</summary>
    public IList<string> EncryptionMethods { get; } = ["A128GCM", "A256GCM"];

    /// <summary>The Origins of the verifier's pages that call the Digital Credentials API.</summary>
    public IList<string> ExpectedOrigins { get; } = [];

    /// <summary>Verifies <c>mso_mdoc</c> presentations; set in code.</summary>
    public MdocVerifierOptions? Mdoc { get; set; }

    /// <summary>What every presented credential must satisfy; set in code. Default: the default policy.</summary>
    public OpenId4VpPresentationPolicy Policy { get; set; } = new();

    /// <summary>How long a request can be answered. Default 5 minutes.</summary>
    public TimeSpan RequestLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a transaction's result stays retrievable after the request expires. Default 10 minutes.</summary>
    public TimeSpan ResultLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The largest <c>vp_token</c> accepted, in characters. Default 1 MiB.</summary>
    public int MaxVpTokenLength { get; set; } = AuthorizationResponse.DefaultMaxVpTokenLength;

    /// <summary>Called once per transaction with its final result; set in code.</summary>
    public Func<OpenId4VpTransactionResult, CancellationToken, ValueTask>? OnResult { get; set; }

    /// <summary>The clock; when <see langword="null"/>, the <see cref="System.TimeProvider"/> registered in DI, else the system clock.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>
    /// The name of the <see cref="Credentials.SdJwtVc.SdJwtVcVerifier"/> that verifies the presented SD-JWT VCs (one
    /// registered with <c>AddSdJwtVcVerifier(name, …)</c>); <see langword="null"/> (the default) for the unkeyed one.
    /// </summary>
    public string? CredentialVerifierName { get; set; }

    /// <summary>Values from configuration that could not be read; reported by start-up validation.</summary>
    internal List<string> ConfigurationProblems { get; } = [];

    /// <summary>Reads the bindable values from <paramref name="configuration"/>.</summary>
    internal void Bind(IConfiguration configuration)
    {
        var r = new ConfigurationReader(configuration, ConfigurationProblems);
        ClientId = r.String(nameof(ClientId), ClientId);
        ResponseUri = r.AbsoluteUri(nameof(ResponseUri), ResponseUri);
        RequestUriBase = r.AbsoluteUri(nameof(RequestUriBase), RequestUriBase);
        RequestSignerKeyId = r.String(nameof(RequestSignerKeyId), RequestSignerKeyId);
        RequestUriMethod = r.String(nameof(RequestUriMethod), RequestUriMethod);
        WalletAuthorizationEndpoint = r.String(nameof(WalletAuthorizationEndpoint), WalletAuthorizationEndpoint) ?? WalletAuthorizationEndpoint;
        RedirectUri = r.AbsoluteUri(nameof(RedirectUri), RedirectUri);
        ResponseMode = r.String(nameof(ResponseMode), ResponseMode) ?? ResponseMode;
        DcApiResponseMode = r.String(nameof(DcApiResponseMode), DcApiResponseMode) ?? DcApiResponseMode;
        r.Strings(nameof(EncryptionMethods), EncryptionMethods);
        r.Strings(nameof(ExpectedOrigins), ExpectedOrigins);
        RequestLifetime = r.TimeSpan(nameof(RequestLifetime), RequestLifetime);
        ResultLifetime = r.TimeSpan(nameof(ResultLifetime), ResultLifetime);
        MaxVpTokenLength = r.Int32(nameof(MaxVpTokenLength), MaxVpTokenLength);
        CredentialVerifierName = r.String(nameof(CredentialVerifierName), CredentialVerifierName);
    }

    /// <summary>The immutable options; call only once validation passed.</summary>
    internal OpenId4VpVerifierOptions ToOptions(TimeProvider defaultClock) => new()
    {
        ClientId = ClientId!,
        ResponseUri = ResponseUri!,
        RequestUriBase = RequestUriBase,
        RequestSigner = RequestSigner,
        RequestCertificateChain = [.. RequestCertificateChain],
        VerifierInfo = [.. VerifierInfo],
        RequestSignerKeyId = RequestSignerKeyId,
        RequestUriMethod = RequestUriMethod,
        WalletAuthorizationEndpoint = WalletAuthorizationEndpoint,
        RedirectUri = RedirectUri,
        ClientMetadata = ClientMetadata,
        W3cPresentations = W3cPresentations,
        ResponseMode = ResponseMode,
        DcApiResponseMode = DcApiResponseMode,
        EncryptionMethods = [.. EncryptionMethods],
        ExpectedOrigins = [.. ExpectedOrigins],
        Mdoc = Mdoc,
        Policy = Policy,
        RequestLifetime = RequestLifetime,
        ResultLifetime = ResultLifetime,
        MaxVpTokenLength = MaxVpTokenLength,
        OnResult = OnResult,
        TimeProvider = TimeProvider ?? defaultClock,
    };
}
