using System;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Credentials.AspNetCore.Authentication;

/// <summary>
/// The context of <see cref="VerifiablePresentationEvents.OnRedirectToWallet"/>: a challenge has created an OpenID4VP
/// request and bound it to this browser (the transaction cookie is already on the response); the event hands the
/// <see cref="Link"/> to the wallet. The default redirects to it (same-device flow) or answers the handler's own page
/// with its QR code and status poll (cross-device flow); an app that shows the request on its own page replaces the
/// event, and that page polls <see cref="StatusPath"/> and then navigates to <see cref="CallbackPath"/>.
/// </summary>
public sealed class RedirectToWalletContext : PropertiesContext<VerifiablePresentationOptions>
{
    /// <summary>Creates the context.</summary>
    /// <param name="context">The request.</param>
    /// <param name="scheme">The scheme.</param>
    /// <param name="options">The handler's options.</param>
    /// <param name="properties">The authentication properties (with the return URL).</param>
    /// <param name="link">The wallet's authorization request link (<c>openid4vp://…</c>).</param>
    /// <param name="statusPath">The handler's status endpoint (<c>{"status":"pending"|"complete"}</c>), with the path base.</param>
    /// <param name="callbackPath">The handler's callback, with the path base.</param>
    /// <param name="expiresAt">When the request can no longer be answered.</param>
    public RedirectToWalletContext(HttpContext context, AuthenticationScheme scheme, VerifiablePresentationOptions options, AuthenticationProperties properties, string link, PathString statusPath, PathString callbackPath, DateTimeOffset expiresAt)
        : base(context, scheme, options, properties)
    {
        ArgumentException.ThrowIfNullOrEmpty(link);
        Link = link;
        StatusPath = statusPath;
        CallbackPath = callbackPath;
        ExpiresAt = expiresAt;
    }

    /// <summary>The wallet's authorization request link (OpenID4VP 1.0 section 5): what a QR code or a same-device button carries.</summary>
    public string Link { get; }

    /// <summary>The handler's status endpoint: answers <c>{"status":"pending"}</c> until the wallet has answered or the request expired.</summary>
    public PathString StatusPath { get; }

    /// <summary>The handler's callback: navigating there (cross-device) completes the sign-in.</summary>
    public PathString CallbackPath { get; }

    /// <summary>When the request expires.</summary>
    public DateTimeOffset ExpiresAt { get; }
}
