using System;

namespace Credentials.Samples.Web.Shop;

/// <summary>The request a challenge created for the page to show: its link, and the handler's status and callback paths.</summary>
/// <param name="Link">The <c>openid4vp://</c> link (the QR code's payload).</param>
/// <param name="StatusPath">The handler's status endpoint the page polls.</param>
/// <param name="CallbackPath">Where the page goes once the wallet has answered.</param>
/// <param name="ExpiresAt">When the request expires.</param>
public sealed record ShopRequest(string Link, string StatusPath, string CallbackPath, DateTimeOffset ExpiresAt)
{
    /// <summary>The <c>HttpContext.Items</c> key the scheme's event leaves the request under.</summary>
    public static readonly object ItemKey = new();
}
