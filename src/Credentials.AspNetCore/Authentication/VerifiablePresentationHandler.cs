using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.AspNetCore.Diagnostics;
using Credentials.OpenId4Vp;
using Credentials.Protocols;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Credentials.AspNetCore.Authentication;

/// <summary>
/// Authenticates a user with an OpenID4VP 1.0 presentation: the challenge creates a request with the
/// <see cref="OpenId4VpVerifier"/> (same-device redirect or cross-device page, <see cref="PresentationFlow"/>), binds
/// the transaction to this browser with a protected, short-lived cookie, and the callback reads the verified result of
/// that transaction once and signs the user in through the <see cref="RemoteAuthenticationOptions.SignInScheme"/> with
/// only the verified, requested claims.
/// </summary>
/// <remarks>
/// Endpoints under <see cref="RemoteAuthenticationOptions.CallbackPath"/> (default <c>/signin-verifiable-presentation</c>):
/// <c>GET {CallbackPath}</c> completes a cross-device sign-in; for a same-device one it answers a tiny page that posts
/// the <c>response_code</c> from the verifier's <c>redirect_uri</c> fragment back to <c>POST {CallbackPath}</c>, which
/// completes the sign-in;
/// <c>GET {CallbackPath}/status</c> answers the cross-device page's poll with <c>{"status":"pending"|"complete"}</c>.
/// Session fixation (OpenID4VP 1.0 section 14.2): the transaction id comes only from this browser's cookie, and a
/// same-device result is released only with the <c>response_code</c> the wallet's redirect carried.
/// </remarks>
public class VerifiablePresentationHandler : RemoteAuthenticationHandler<VerifiablePresentationOptions>
{
    private const string TransactionItem = ".credentials.transaction";
    private const string ExpiresItem = ".credentials.expires";
    private const string ValidUntilItem = ".credentials.valid_until";
    private const string FlowItem = ".credentials.flow";
    private const string UsedKind = "authentication.presentation";
    private const string ResponseCodeParameter = "response_code";

    private TransactionCookie? _cookie;
    private bool _cookieRead;

    /// <summary>Creates the handler (by the authentication services, once per request).</summary>
    /// <param name="options">The options.</param>
    /// <param name="logger">The logger factory.</param>
    /// <param name="encoder">The URL encoder.</param>
    public VerifiablePresentationHandler(IOptionsMonitor<VerifiablePresentationOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : base(options, logger, encoder)
    {
    }

    private VerifiablePresentationEvents PresentationEvents => (VerifiablePresentationEvents)Events;

    private PathString StatusPath => Options.CallbackPath.Add("/status");

    /// <inheritdoc/>
    protected override Task<object> CreateEventsAsync() => Task.FromResult<object>(new VerifiablePresentationEvents());

    /// <inheritdoc/>
    public override async Task<bool> HandleRequestAsync()
    {
        if (HttpMethods.IsGet(Request.Method) && Request.Path == StatusPath)
        {
            await WriteStatusAsync().ConfigureAwait(false);
            return true;
        }

        if (HttpMethods.IsGet(Request.Method) && Request.Path == Options.CallbackPath && ReadCookie() is { Flow: PresentationFlow.SameDevice })
        {
            // Section 8.2: the verifier's redirect_uri carries the response_code in its fragment, which browsers do not
            // send; a page posts it back (in a form body, so it never lands in a request log or a Referer).
            await PresentationPages.WriteRelayPageAsync(Context, OriginalPathBase + Options.CallbackPath).ConfigureAwait(false);
            return true;
        }

        return await base.HandleRequestAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var verifier = Verifier();
        var store = Store();
        if (Options.Flow == PresentationFlow.SameDevice && verifier.Options.RedirectUri is null)
        {
            throw new InvalidOperationException("A same-device presentation needs the verifier's RedirectUri (OpenID4VP 1.0 section 14.2) set to the handler's CallbackPath.");
        }

        if (Options.Flow == PresentationFlow.CrossDevice && verifier.Options.RedirectUri is not null)
        {
            throw new InvalidOperationException("A cross-device presentation needs a verifier without RedirectUri: its results are released only with the response_code of a same-device redirect.");
        }

        if (string.IsNullOrEmpty(properties.RedirectUri))
        {
            properties.RedirectUri = OriginalPathBase + OriginalPath + Request.QueryString;
        }

        var transaction = await verifier.CreateRequestAsync(Options.Query!, Context.RequestAborted).ConfigureAwait(false);
        var now = TimeProvider.GetUtcNow();
        var validUntil = now + Options.RemoteAuthenticationTimeout;
        if (validUntil < transaction.ExpiresAt)
        {
            validUntil = transaction.ExpiresAt;
        }

        if (!await store.TryAddAsync(UsedKind, transaction.TransactionId, "1", transaction.ExpiresAt + verifier.Options.ResultLifetime, Context.RequestAborted).ConfigureAwait(false))
        {
            throw new InvalidOperationException("A 256-bit random transaction id collided; the store is inconsistent.");
        }

        var digest = Digest(transaction.TransactionId);
        properties.Items[TransactionItem] = transaction.TransactionId;
        properties.Items[ExpiresItem] = transaction.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        properties.Items[ValidUntilItem] = validUntil.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        properties.Items[FlowItem] = Options.Flow == PresentationFlow.SameDevice ? "same" : "cross";
        var cookieOptions = CookieOptions(now);
        cookieOptions.Expires = validUntil;
        Response.Cookies.Append(Options.TransactionCookie.Name!, Format().Protect(properties), cookieOptions);

        var link = transaction.ByReferenceLink ?? transaction.ByValueLink;
        PresentationAuthenticationLog.ChallengeStarted(Logger, Scheme.Name, Options.Flow, digest);
        await PresentationEvents.RedirectToWallet(new RedirectToWalletContext(Context, Scheme, Options, properties, link, OriginalPathBase + StatusPath, OriginalPathBase + Options.CallbackPath, transaction.ExpiresAt)).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override async Task<HandleRequestResult> HandleRemoteAuthenticateAsync()
    {
        var cookie = ReadCookie();
        if (cookie is null)
        {
            PresentationAuthenticationLog.CorrelationFailed(Logger, Scheme.Name, "callback");
            return Failure(PresentationAuthenticationErrors.CorrelationFailed, "The request carries no valid transaction cookie.", null, null);
        }

        var verifier = Verifier();
        var store = Store();
        var digest = Digest(cookie.TransactionId);
        var responseCode = cookie.Flow == PresentationFlow.SameDevice ? await ReadResponseCodeAsync().ConfigureAwait(false) : null;

        var result = await verifier.GetResultAsync(cookie.TransactionId, responseCode, Context.RequestAborted).ConfigureAwait(false);
        var now = TimeProvider.GetUtcNow();
        if (!result.IsValid)
        {
            // Unknown (expired from the store) or a response_code that is not this transaction's (section 14.2).
            DeleteCookie();
            return Failure(result.Error.Code, "The transaction's result is not available to this browser.", cookie.Properties, digest, result.Error);
        }

        if (result.Value.Status == OpenId4VpTransactionStatus.Pending)
        {
            if (now <= cookie.ExpiresAt)
            {
                return Failure(PresentationAuthenticationErrors.PresentationPending, "The wallet has not answered yet.", cookie.Properties, digest);
            }

            DeleteCookie();
            await store.TryConsumeAsync(UsedKind, cookie.TransactionId, now, Context.RequestAborted).ConfigureAwait(false);
            return Failure(PresentationAuthenticationErrors.PresentationExpired, "The wallet did not answer before the request expired.", cookie.Properties, digest);
        }

        DeleteCookie();
        if (await store.TryConsumeAsync(UsedKind, cookie.TransactionId, now, Context.RequestAborted).ConfigureAwait(false) is null)
        {
            PresentationAuthenticationLog.Replayed(Logger, Scheme.Name, digest);
            return Failure(PresentationAuthenticationErrors.TransactionReplayed, "This transaction was already used.", cookie.Properties, digest);
        }

        switch (result.Value.Status)
        {
            case OpenId4VpTransactionStatus.Rejected:
                return Failure(result.Value.Error?.Code ?? OpenId4VpErrors.PresentationInvalid, "The verifier rejected the presentation.", cookie.Properties, digest, result.Value.Error);
            case OpenId4VpTransactionStatus.WalletError:
                return Failure(OpenId4VpErrors.WalletError, "The wallet answered with an error.", cookie.Properties, digest);
        }

        var (principal, credentials, claims) = BuildPrincipal(result.Value);
        var properties = Clean(cookie.Properties);
        var context = new PresentationVerifiedContext(Context, Scheme, Options, principal, properties, result.Value);
        await PresentationEvents.PresentationVerified(context).ConfigureAwait(false);
        if (context.Result is { } decided)
        {
            if (decided.Succeeded)
            {
                PresentationAuthenticationLog.SignedIn(Logger, Scheme.Name, digest, credentials, claims);
                return HandleRequestResult.Success(decided.Ticket!);
            }

            return Failure(PresentationAuthenticationErrors.PresentationRefused, "The application refused the presentation.", properties, digest);
        }

        if (context.Principal is null)
        {
            return Failure(PresentationAuthenticationErrors.PresentationRefused, "The application removed the principal.", properties, digest);
        }

        PresentationAuthenticationLog.SignedIn(Logger, Scheme.Name, digest, credentials, claims);
        return HandleRequestResult.Success(new AuthenticationTicket(context.Principal, context.Properties, Scheme.Name));
    }

    // The relay page's form post: one short response_code field, or an empty code (which no transaction accepts).
    private async Task<string> ReadResponseCodeAsync()
    {
        if (!HttpMethods.IsPost(Request.Method) || !Request.HasFormContentType || Request.ContentLength is null or > 4096)
        {
            return string.Empty;
        }

        try
        {
            var form = await new FormFeature(Request, new FormOptions { ValueCountLimit = 4, ValueLengthLimit = 1024, KeyLengthLimit = 64 })
                .ReadFormAsync(Context.RequestAborted).ConfigureAwait(false);
            var values = form[ResponseCodeParameter];
            return values.Count == 1 ? values[0] ?? string.Empty : string.Empty;
        }
        catch (System.IO.InvalidDataException)
        {
            return string.Empty;
        }
    }

    private async Task WriteStatusAsync()
    {
        var cookie = ReadCookie();
        var complete = true;
        if (cookie is not null)
        {
            var result = await Verifier().GetResultAsync(cookie.TransactionId, null, Context.RequestAborted).ConfigureAwait(false);
            complete = !(result.IsValid && result.Value.Status == OpenId4VpTransactionStatus.Pending && TimeProvider.GetUtcNow() <= cookie.ExpiresAt);
        }
        else
        {
            PresentationAuthenticationLog.CorrelationFailed(Logger, Scheme.Name, "status");
        }

        // Pending or not is all the page learns; the result is read by the callback.
        Response.StatusCode = StatusCodes.Status200OK;
        Response.ContentType = "application/json";
        Response.Headers.CacheControl = "no-store";
        await Response.WriteAsync(complete ? "{\"status\":\"complete\"}" : "{\"status\":\"pending\"}", Context.RequestAborted).ConfigureAwait(false);
    }

    private (ClaimsPrincipal Principal, int Credentials, int Claims) BuildPrincipal(OpenId4VpTransactionResult result)
    {
        var identity = new ClaimsIdentity(Scheme.Name);
        var seen = new HashSet<(string, string, string)>();
        void Add(string type, string value, string valueType, string issuer)
        {
            if (seen.Add((type, value, issuer)))
            {
                identity.AddClaim(new Claim(type, value, valueType, issuer));
            }
        }

        Add(ClaimTypes.AuthenticationMethod, VerifiablePresentationDefaults.AuthenticationMethod, ClaimValueTypes.String, ClaimsIssuer);
        var credentials = 0;
        var claims = 0;
        foreach (var presentation in result.Presentations.Where(p => p.IsValid))
        {
            credentials++;
            var issuer = presentation.Issuer ?? ClaimsIssuer;
            if (presentation.Issuer is not null)
            {
                Add(VerifiablePresentationClaimTypes.CredentialIssuer, presentation.Issuer, ClaimValueTypes.String, issuer);
            }

            if (presentation.Format is not null)
            {
                Add(VerifiablePresentationClaimTypes.CredentialFormat, presentation.Format, ClaimValueTypes.String, issuer);
            }

            foreach (var type in new[] { presentation.Vct, presentation.DocType }.Concat(presentation.Types))
            {
                if (type is not null)
                {
                    Add(VerifiablePresentationClaimTypes.CredentialType, type, ClaimValueTypes.String, issuer);
                }
            }

            if (presentation.Claims is not { } document)
            {
                continue;
            }

            // Only the claims the query asked for and the presentation answered: never an extra disclosure or a
            // claim of the credential the wallet kept back.
            foreach (var path in presentation.RequestedClaims)
            {
                if (!path.TrySelect(document, out var selection) || selection.Count != 1)
                {
                    continue;
                }

                var (value, valueType) = ClaimValue(selection[0].Value);
                Add(path.ToDisplayString(), value, valueType, issuer);
                claims++;
            }
        }

        return (new ClaimsPrincipal(identity), credentials, claims);
    }

    internal static (string Value, string ValueType) ClaimValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => (value.GetString()!, ClaimValueTypes.String),
        JsonValueKind.True => ("true", ClaimValueTypes.Boolean),
        JsonValueKind.False => ("false", ClaimValueTypes.Boolean),
        JsonValueKind.Number => (value.GetRawText(), value.TryGetInt64(out _) ? ClaimValueTypes.Integer64 : ClaimValueTypes.Double),
        _ => (value.GetRawText(), VerifiablePresentationDefaults.JsonClaimValueType),
    };

    private HandleRequestResult Failure(ErrorCode code, string message, AuthenticationProperties? properties, string? digest, VerificationError? error = null)
    {
        var failed = properties is null ? new AuthenticationProperties() : Clean(properties);
        failed.Items[VerifiablePresentationDefaults.ErrorCodeProperty] = code.Value;
        failed.Items[VerifiablePresentationDefaults.ErrorCodesProperty] = ErrorCodes(code, error);
        if (digest is not null)
        {
            PresentationAuthenticationLog.Failed(Logger, Scheme.Name, digest, code.Value);
        }

        var exception = new AuthenticationFailureException(message + " (" + code.Value + ")");
        exception.Data[VerifiablePresentationDefaults.ErrorCodeProperty] = code.Value;
        return HandleRequestResult.Fail(exception, failed);
    }

    // The failure's code, then the codes of its causes (codes only: a cause's message is not passed on). The chain is
    // bounded so that a deeply nested error cannot grow the item without limit.
    internal static string ErrorCodes(ErrorCode code, VerificationError? error)
    {
        var codes = new System.Text.StringBuilder(code.Value);
        var cause = error is not null && error.Code == code ? error.Inner : error;
        for (var depth = 0; cause is not null && depth < MaxErrorChain; depth++, cause = cause.Inner)
        {
            codes.Append(' ').Append(cause.Code.Value);
        }

        return codes.ToString();
    }

    private const int MaxErrorChain = 8;

    // The sign-in keeps the return URL and the app's items, never the transaction.
    private static AuthenticationProperties Clean(AuthenticationProperties properties)
    {
        var items = new Dictionary<string, string?>(properties.Items.Where(i => i.Key is not (TransactionItem or ExpiresItem or ValidUntilItem or FlowItem)), StringComparer.Ordinal);
        return new AuthenticationProperties(items, new Dictionary<string, object?>(properties.Parameters, StringComparer.Ordinal));
    }

    private TransactionCookie? ReadCookie()
    {
        if (_cookieRead)
        {
            return _cookie;
        }

        _cookieRead = true;
        var text = Request.Cookies[Options.TransactionCookie.Name!];
        if (string.IsNullOrEmpty(text) || Format().Unprotect(text) is not { } properties
            || !properties.Items.TryGetValue(TransactionItem, out var transactionId) || string.IsNullOrEmpty(transactionId)
            || !TryReadTime(properties, ExpiresItem, out var expires) || !TryReadTime(properties, ValidUntilItem, out var validUntil)
            || !properties.Items.TryGetValue(FlowItem, out var flow) || flow is not ("same" or "cross")
            || TimeProvider.GetUtcNow() > validUntil)
        {
            return null;
        }

        _cookie = new TransactionCookie(properties, transactionId, expires, flow == "same" ? PresentationFlow.SameDevice : PresentationFlow.CrossDevice);
        return _cookie;
    }

    private static bool TryReadTime(AuthenticationProperties properties, string key, out DateTimeOffset time)
    {
        time = default;
        if (!properties.Items.TryGetValue(key, out var text) || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        time = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    private void DeleteCookie() => Response.Cookies.Delete(Options.TransactionCookie.Name!, CookieOptions(TimeProvider.GetUtcNow()));

    private CookieOptions CookieOptions(DateTimeOffset now)
    {
        var options = Options.TransactionCookie.Build(Context, now);
        options.Path = (OriginalPathBase + Options.CallbackPath).ToString();
        return options;
    }

    private PropertiesDataFormat Format()
    {
        var provider = Options.DataProtectionProvider ?? Context.RequestServices.GetRequiredService<IDataProtectionProvider>();
        return new PropertiesDataFormat(provider.CreateProtector(typeof(VerifiablePresentationHandler).FullName!, Scheme.Name, "transaction.v1"));
    }

    private OpenId4VpVerifier Verifier() => Options.Verifier
        ?? (string.IsNullOrEmpty(Options.VerifierName)
            ? Context.RequestServices.GetRequiredService<OpenId4VpVerifier>()
            : Context.RequestServices.GetRequiredKeyedService<OpenId4VpVerifier>(Options.VerifierName));

    private IProtocolStateStore Store() => Options.StateStore ?? Context.RequestServices.GetRequiredService<IProtocolStateStore>();

    // Logs name a transaction by a digest of its id, never the id itself.
    private static string Digest(string transactionId) => LogDigest.Of(transactionId);

    private sealed record TransactionCookie(AuthenticationProperties Properties, string TransactionId, DateTimeOffset ExpiresAt, PresentationFlow Flow);
}
