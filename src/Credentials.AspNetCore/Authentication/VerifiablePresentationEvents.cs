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

    /// <summary>Called with each accepted presentation before the sign-in; may add claims or refuse.</summary>
    public Func<PresentationVerifiedContext, Task> OnPresentationVerified { get; set; } = _ => Task.CompletedTask;

    /// <summary>Invokes <see cref="OnPresentationVerified"/>.</summary>
    /// <param name="context">The context.</param>
    public virtual Task PresentationVerified(PresentationVerifiedContext context) => OnPresentationVerified(context);

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
