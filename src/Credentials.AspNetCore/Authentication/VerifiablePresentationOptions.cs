using System;
using Credentials.Dcql;
using Credentials.OpenId4Vp;
using Credentials.Protocols;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Credentials.AspNetCore.Authentication;

/// <summary>
/// Options of the verifiable presentation authentication handler: what to ask the wallet for (a DCQL query), how to
/// hand the request over (<see cref="Flow"/>), and the scheme that keeps the signed-in user
/// (<see cref="RemoteAuthenticationOptions.SignInScheme"/>, for example cookies).
/// </summary>
/// <remarks>
/// The query decides what every challenge of the scheme asks for; an authorization policy only checks the claims
/// (<c>RequireVerifiedClaim</c>), so the query must request every claim the policies of the scheme read, without a
/// <c>values</c> constraint when a policy should answer 403 rather than the wallet finding no credential. Several
/// queries are several schemes.
/// </remarks>
public sealed class VerifiablePresentationOptions : RemoteAuthenticationOptions
{
    /// <summary>Creates the options with the defaults.</summary>
    public VerifiablePresentationOptions()
    {
        CallbackPath = "/signin-verifiable-presentation";
        Events = new VerifiablePresentationEvents();
        TransactionCookie = new CookieBuilder
        {
            Name = ".Credentials.Presentation",
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            SecurePolicy = CookieSecurePolicy.SameAsRequest,
        };
    }

    /// <summary>What a challenge asks the wallet for. Required.</summary>
    public DcqlQuery? Query { get; set; }

    /// <summary>How the request reaches the wallet. Default <see cref="PresentationFlow.CrossDevice"/>.</summary>
    public PresentationFlow Flow { get; set; } = PresentationFlow.CrossDevice;

    /// <summary>The verifier; when <see langword="null"/>, the <see cref="OpenId4VpVerifier"/> registered in DI (with its response endpoint mapped by <c>MapOpenId4VpVerifier</c>).</summary>
    public OpenId4VpVerifier? Verifier { get; set; }

    /// <summary>
    /// The name of a verifier registered with <c>AddOpenId4VpVerifier(name, ...)</c> (a keyed service), used when
    /// <see cref="Verifier"/> is <see langword="null"/>; <see langword="null"/> or empty for the default verifier.
    /// </summary>
    public string? VerifierName { get; set; }

    /// <summary>
    /// Where the handler records that a transaction's result was used (once); when <see langword="null"/>, the
    /// <see cref="IProtocolStateStore"/> registered in DI. Several instances must share it (and the Data Protection keys).
    /// </summary>
    public IProtocolStateStore? StateStore { get; set; }

    /// <summary>
    /// The cookie that binds a browser to its transaction (the secret transaction id, the return URL and the expiry,
    /// protected with Data Protection). Its path is the <see cref="RemoteAuthenticationOptions.CallbackPath"/>; it is
    /// deleted when the transaction ends. Default name <c>.Credentials.Presentation</c>, HttpOnly, SameSite=Lax.
    /// </summary>
    public CookieBuilder TransactionCookie { get; set; }

    /// <summary>How often the cross-device page asks <c>{CallbackPath}/status</c> whether the wallet answered. Default 2 seconds.</summary>
    public TimeSpan StatusPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The heading of the cross-device page. Default <c>Present your credential</c>.</summary>
    public string PageTitle { get; set; } = "Present your credential";

    /// <summary>The events.</summary>
    public new VerifiablePresentationEvents Events
    {
        get => (VerifiablePresentationEvents)base.Events;
        set => base.Events = value;
    }

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">A required option is missing or out of range.</exception>
    public override void Validate()
    {
        base.Validate();
        if (Query is null)
        {
            throw new ArgumentException("Query is required: the DCQL query a challenge asks the wallet for.", nameof(Query));
        }

        if (StatusPollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("StatusPollInterval must be positive.", nameof(StatusPollInterval));
        }

        if (TransactionCookie is null || string.IsNullOrEmpty(TransactionCookie.Name))
        {
            throw new ArgumentException("TransactionCookie needs a name.", nameof(TransactionCookie));
        }

        if (string.IsNullOrWhiteSpace(PageTitle))
        {
            throw new ArgumentException("PageTitle is empty.", nameof(PageTitle));
        }
    }
}
