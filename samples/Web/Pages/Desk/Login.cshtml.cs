using System;
using System.Collections.Generic;
using System.Security.Claims;
using System.Threading.Tasks;
using Credentials.Samples.Web.Desk;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Credentials.Samples.Web.Pages.Desk;

/// <summary>The desk's sign-in page (anti-forgery checked on the form, as on every Razor Pages form).</summary>
public sealed class LoginModel(DeskStaffAccounts accounts) : PageModel
{
    /// <summary>The user name typed.</summary>
    [BindProperty]
    public string? UserName { get; set; }

    /// <summary>The password typed (never shown again).</summary>
    [BindProperty]
    public string? Password { get; set; }

    /// <summary>Where to go after signing in (a local desk path only).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The outcome of the last attempt, if it failed.</summary>
    public DeskSignInResult? Failure { get; private set; }

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Checks the password and signs in.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        // Wrong attempts are slowed down per user name and client address (the connection's: the app listens on
        // loopback without a proxy, so no forwarded header is trusted).
        var result = accounts.SignIn(UserName, Password, HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        Password = null;
        if (result != DeskSignInResult.Success)
        {
            Failure = result;
            return Page();
        }

        var identity = new ClaimsIdentity(
            new List<Claim> { new(ClaimTypes.Name, UserName!), new(ClaimTypes.Role, DeskAuth.Role) },
            DeskAuth.Scheme);
        await HttpContext.SignInAsync(DeskAuth.Scheme, new ClaimsPrincipal(identity)).ConfigureAwait(false);
        var back = ReturnUrl is { } url && url.StartsWith(DeskAuth.DeskPath, StringComparison.OrdinalIgnoreCase) && Url.IsLocalUrl(url) ? url : DeskAuth.DeskPath;
        return LocalRedirect(back);
    }
}
