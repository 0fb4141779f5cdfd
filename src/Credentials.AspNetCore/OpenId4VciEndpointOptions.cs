using System;
using System.Threading.Tasks;
using Credentials.OpenId4Vci;
using Microsoft.AspNetCore.Http;

namespace Credentials.AspNetCore;

/// <summary>
/// Limits of the OpenID4VCI endpoints that <see cref="Microsoft.AspNetCore.Builder.OpenId4VciEndpointRouteBuilderExtensions.MapOpenId4VciIssuer"/>
/// maps. A Token Request beyond them is answered with <c>invalid_request</c> (HTTP 400, or 413 for the body size);
/// the Credential Request's limit is <see cref="CredentialRequest.MaxLength"/>.
/// </summary>
public sealed record OpenId4VciEndpointOptions
{
    /// <summary>The default <see cref="MaxTokenRequestLength"/>: 16 KiB.</summary>
    public const int DefaultMaxTokenRequestLength = 16 * 1024;

    /// <summary>The default <see cref="MaxTokenRequestFields"/>: 32.</summary>
    public const int DefaultMaxTokenRequestFields = 32;

    /// <summary>The default <see cref="MaxTokenRequestValueLength"/>: 4,096 characters.</summary>
    public const int DefaultMaxTokenRequestValueLength = 4096;

    /// <summary>The largest Token Request body, in bytes (a declared length over it, or a chunked body growing past it, is HTTP 413).</summary>
    public int MaxTokenRequestLength { get; init; } = DefaultMaxTokenRequestLength;

    /// <summary>The most form fields in a Token Request (the three it uses plus extensions it ignores).</summary>
    public int MaxTokenRequestFields { get; init; } = DefaultMaxTokenRequestFields;

    /// <summary>The longest form value in a Token Request, in characters.</summary>
    public int MaxTokenRequestValueLength { get; init; } = DefaultMaxTokenRequestValueLength;

    /// <summary>
    /// The app's login page for the Authorization Code Flow: <c>GET {p}/authorize</c> hands every valid request (pushed
    /// with PAR) to it with its <see cref="PendingAuthorization"/>. The page authenticates the End-User however the app
    /// does (its own session, a form, a one-time code …), then calls <see cref="OpenId4VciIssuer.CompleteAuthorizationAsync"/>
    /// (or <see cref="OpenId4VciIssuer.DenyAuthorizationAsync"/>) with <see cref="PendingAuthorization.Id"/> and
    /// redirects the browser to the URL returned. Required when the issuer has
    /// <see cref="OpenId4VciIssuerOptions.ValidateClient"/>; an invalid request never reaches it (the End-User sees an
    /// error page and is not redirected).
    /// </summary>
    public Func<HttpContext, PendingAuthorization, Task>? AuthorizationPage { get; init; }

    /// <summary>
    /// Called after each successful Credential Request that issued credentials at once (not deferred), before the
    /// response is written, with the grant's subject id and the credentials' status list entries: how an app records
    /// which of its offers was redeemed and which status entry it got, without reading the response or relying on the
    /// holder key (a Wallet may use one key for several offers). The credentials are issued and the access token and
    /// nonces consumed by then: an exception here is logged and answered with HTTP 500, and the Wallet does not get the
    /// credentials. Default <see langword="null"/>.
    /// </summary>
    public Func<CredentialIssuedContext, Task>? OnCredentialIssued { get; init; }

    /// <summary>
    /// The name the issuer was registered under (<c>AddOpenId4VciIssuer("name", …)</c>): the endpoints then serve that
    /// keyed issuer. Default <see langword="null"/>: the default issuer.
    /// </summary>
    public string? IssuerName { get; init; }
}
