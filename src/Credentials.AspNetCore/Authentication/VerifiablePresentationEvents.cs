using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;

namespace Credentials.AspNetCore.Authentication;

/// <summary>
/// The events of the verifiable presentation handler, besides those of every remote handler
/// (<see cref="RemoteAuthenticationEvents.OnRemoteFailure"/>, <see cref="RemoteAuthenticationEvents.OnTicketReceived"/>).
/// </summary>
/// <remarks>
/// A failed, refused or expired presentation reaches <see cref="RemoteAuthenticationEvents.OnRemoteFailure"/> with the
/// error code in <see cref="VerifiablePresentationDefaults.ErrorCodeProperty"/> of the failure's properties. When no
/// handler handles it, the handler answers HTTP 403 with the code in plain text (the default here; a remote handler
/// otherwise throws).
/// </remarks>
public class VerifiablePresentationEvents : RemoteAuthenticationEvents
{
    /// <summary>Creates the events with the default failure answer.</summary>
    public VerifiablePresentationEvents()
    {
        OnRemoteFailure = DefaultRemoteFailureAsync;
    }

    /// <summary>
    /// Called when a challenge has created a request, to hand its link to the wallet. The default redirects to the
    /// link (<see cref="PresentationFlow.SameDevice"/>) or answers the handler's page with the QR code
    /// (<see cref="PresentationFlow.CrossDevice"/>). Replace it to show the request on the app's own page: keep the
    /// link in <c>HttpContext.Items</c> and render it after <c>ChallengeAsync</c> returns.
    /// </summary>
    public Func<RedirectToWalletContext, Task> OnRedirectToWallet { get; set; } = DefaultRedirectToWalletAsync;

    /// <summary>Called with each accepted presentation before the sign-in; may add claims or refuse.</summary>
    public Func<PresentationVerifiedContext, Task> OnPresentationVerified { get; set; } = _ => Task.CompletedTask;

    /// <summary>Invokes <see cref="OnPresentationVerified"/>.</summary>
    /// <param name="context">The context.</param>
    public virtual Task PresentationVerified(PresentationVerifiedContext context) => OnPresentationVerified(context);

    /// <summary>Invokes <see cref="OnRedirectToWallet"/>.</summary>
    /// <param name="context">The context.</param>
    public virtual Task RedirectToWallet(RedirectToWalletContext context) => OnRedirectToWallet(context);

    private static Task DefaultRedirectToWalletAsync(RedirectToWalletContext context)
    {
        if (context.Options.Flow == PresentationFlow.SameDevice)
        {
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Redirect(context.Link);
            return Task.CompletedTask;
        }

        return PresentationPages.WriteCrossDevicePageAsync(context.HttpContext, context.Options.PageTitle, context.Link, context.StatusPath, context.CallbackPath, context.Options.StatusPollInterval);
    }

    private static async Task DefaultRemoteFailureAsync(RemoteFailureContext context)
    {
        var code = context.Properties?.Items.TryGetValue(VerifiablePresentationDefaults.ErrorCodeProperty, out var value) == true ? value : null;
        context.Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, "The presentation was not accepted: " + (code ?? "unknown") + ".", context.HttpContext.RequestAborted).ConfigureAwait(false);
        context.HandleResponse();
    }
}
