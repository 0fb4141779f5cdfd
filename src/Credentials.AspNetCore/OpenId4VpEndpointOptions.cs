using Credentials.OpenId4Vp;

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
}
