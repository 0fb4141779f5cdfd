using System;
using Credentials.Dcql;
using Credentials.OpenId4Vp;
using Microsoft.AspNetCore.Http;

namespace Credentials.AspNetCore;

/// <summary>Where <see cref="Microsoft.AspNetCore.Builder.OpenId4VpEndpointRouteBuilderExtensions.MapOpenId4VpVerifier"/> maps the verifier's endpoints.</summary>
public sealed record OpenId4VpEndpointOptions
{
    /// <summary>The Response URI's path. Default <c>/openid4vp/response</c>.</summary>
    public string ResponsePath { get; init; } = "/openid4vp/response";

    /// <summary>The Request URIs' base path; each request is at <c>{RequestPath}/{id}</c>. Default <c>/openid4vp/request</c>.</summary>
    public string RequestPath { get; init; } = "/openid4vp/request";

    /// <summary>The verifier; when <see langword="null"/>, the <see cref="OpenId4VpVerifier"/> registered in DI.</summary>
    public OpenId4VpVerifier? Verifier { get; init; }

    /// <summary>
    /// The name the verifier was registered under (<c>AddOpenId4VpVerifier("name", …)</c>): the endpoints then serve
    /// that keyed verifier (unless <see cref="Verifier"/> is set). Default <see langword="null"/>: the default verifier.
    /// </summary>
    public string? VerifierName { get; init; }

    /// <summary>
    /// The query a page's Digital Credentials API request asks for. When set, two endpoints are mapped for the
    /// verifier's pages (OpenID4VP 1.0 Appendix A): <c>POST {DcApiRequestPath}</c> creates a request and
    /// <c>POST {DcApiResponsePath}</c> takes the wallet's answer; when <see langword="null"/>, neither is mapped.
    /// </summary>
    public Func<HttpContext, DcqlQuery>? DcApiQuery { get; init; }

    /// <summary>Whether Digital Credentials API requests are signed by default (<c>openid4vp-v1-signed</c>); a page may ask with <c>?signed=true|false</c>. Default <see langword="false"/>.</summary>
    public bool DcApiSigned { get; init; }

    /// <summary>The path that creates a Digital Credentials API request. Default <c>/openid4vp/dc-api/request</c>.</summary>
    public string DcApiRequestPath { get; init; } = "/openid4vp/dc-api/request";

    /// <summary>The path that takes the wallet's answer posted by the page. Default <c>/openid4vp/dc-api/response</c>.</summary>
    public string DcApiResponsePath { get; init; } = "/openid4vp/dc-api/response";
}
