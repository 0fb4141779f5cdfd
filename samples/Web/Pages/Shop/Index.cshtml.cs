using System;
using System.Threading.Tasks;
using Credentials.Samples.Web.Shop;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;

namespace Credentials.Samples.Web.Pages.Shop;

/// <summary>
/// The till's waiting screen: each visit challenges the shop's presentation scheme, which creates a fresh OpenID4VP
/// request bound to this browser, and shows it as a QR code and a same-device link; <c>js/shop.js</c> polls the
/// handler's status and goes to the callback once the wallet has answered.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel : PageModel
{
    /// <summary>The request shown.</summary>
    public ShopRequest WalletRequest { get; private set; } = null!;

    /// <summary>The QR code of <see cref="ShopRequest.Link"/> as a PNG data URI, or <see langword="null"/> when the link is too long for one.</summary>
    public string? QrDataUri { get; private set; }

    /// <summary>Creates the request.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        // A new customer: whatever answer this browser still held is gone.
        await HttpContext.SignOutAsync(ShopExtensions.AnswerScheme);
        await HttpContext.ChallengeAsync(ShopExtensions.PresentationScheme, new AuthenticationProperties { RedirectUri = ShopExtensions.ResultPath });
        if (HttpContext.Items[ShopRequest.ItemKey] is not ShopRequest request)
        {
            throw new InvalidOperationException("The presentation scheme did not create a request.");
        }

        WalletRequest = request;
        QrDataUri = ToQrDataUri(request.Link);
        return Page();
    }

    private static string? ToQrDataUri(string link)
    {
        try
        {
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.L);
            return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
        }
        catch (QRCoder.Exceptions.DataTooLongException)
        {
            return null;
        }
    }
}
