using System;
using System.Buffers;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.AspNetCore.Authentication;
using Credentials.OpenId4Vp;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Credentials.Samples.Web.Shop;

/// <summary>
/// The shop's Digital Credentials API button (OpenID4VP 1.0 Appendix A, unsigned requests): <see cref="RequestPath"/>
/// creates a DC API request for <see cref="ShopVerifier.Query"/> and binds its transaction to this browser with a
/// protected, short-lived cookie scoped to <see cref="CookiePath"/> (the page never sees a transaction id);
/// <see cref="ResponsePath"/> verifies the wallet's answer for that transaction only, from the app's own Origin, signs
/// the requested claim alone in to the shop's answer cookie (<see cref="ShopExtensions.AnswerScheme"/>), and forgets the
/// transaction, so that the result page shows it as it shows the QR code's answer. Both endpoints check the
/// anti-forgery token; both answer JSON that <c>js/shop.js</c> reads.
/// </summary>
public sealed class ShopDigitalCredentials(
    ShopVerifier verifier,
    IDataProtectionProvider protection,
    IAntiforgery antiforgery,
    IOptionsMonitor<VerifiablePresentationOptions> presentationOptions,
    TimeProvider time)
{
    /// <summary>Where the page asks for a request (POST, anti-forgery token in the <c>RequestVerificationToken</c> header).</summary>
    public const string RequestPath = CookiePath + "/request";

    /// <summary>Where the page posts the wallet's answer: <c>{"protocol": …, "data": {…}}</c> (POST, anti-forgery token).</summary>
    public const string ResponsePath = CookiePath + "/response";

    /// <summary>The path the transaction cookie is scoped to.</summary>
    public const string CookiePath = "/shop/dc-api";

    /// <summary>The transaction cookie's name.</summary>
    public const string CookieName = ".Credentials.Shop.DcApi";

    /// <summary>The largest answer accepted, in bytes (the verifier's own <c>vp_token</c> limit is 1 MiB of characters).</summary>
    public const long MaxAnswerBytes = 2 * 1024 * 1024;

    private const string Purpose = "Credentials.Samples.Web.Shop.DcApi.v1";

    /// <summary>Maps the two endpoints.</summary>
    /// <param name="app">The app.</param>
    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(RequestPath, (HttpContext context, ShopDigitalCredentials shop) => shop.CreateRequestAsync(context))
            .WithMetadata(new RequestSizeLimitAttribute(4096));
        app.MapPost(ResponsePath, (HttpContext context, ShopDigitalCredentials shop) => shop.ReceiveAnswerAsync(context))
            .WithMetadata(new RequestSizeLimitAttribute(MaxAnswerBytes));
    }

    /// <summary>Creates a request and binds its transaction to this browser.</summary>
    /// <param name="context">The request.</param>
    public async Task<IResult> CreateRequestAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.CacheControl = "no-store";
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.Json(new { error = "invalid_request" }, statusCode: StatusCodes.Status400BadRequest);
        }

        var transaction = await verifier.Verifier.CreateDigitalCredentialsApiRequestAsync(ShopVerifier.Query, signed: false, context.RequestAborted);

        // OpenID4VP 1.0 section 14.2 (session fixation), as for the QR code: the answer is accepted only for the
        // transaction this browser's protected cookie names, never for an id the page could choose.
        var value = transaction.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + " " + transaction.TransactionId;
        context.Response.Cookies.Append(CookieName, Protector().Protect(value), CookieOptions(context, transaction.ExpiresAt));

        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            // Appendix A.1: protocol and data go to navigator.credentials.get unchanged; no transaction id.
            writer.WriteStartObject();
            writer.WriteString("protocol", transaction.Protocol);
            writer.WritePropertyName("data");
            transaction.Data.WriteTo(writer);
            writer.WriteEndObject();
        }

        return Results.Bytes(buffer.WrittenMemory.ToArray(), "application/json");
    }

    /// <summary>Verifies the wallet's answer for this browser's transaction and says where the page goes next.</summary>
    /// <param name="context">The request.</param>
    public async Task<IResult> ReceiveAnswerAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.CacheControl = "no-store";
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.Json(new { error = "invalid_request" }, statusCode: StatusCodes.Status400BadRequest);
        }

        // The transaction is this browser's, once: the cookie goes whatever the answer says.
        var transactionId = ReadTransaction(context);
        context.Response.Cookies.Delete(CookieName, CookieOptions(context, null));
        if (transactionId is null)
        {
            return Next(ShopAnswer.Lost);
        }

        JsonDocument answer;
        try
        {
            answer = await JsonDocument.ParseAsync(context.Request.Body, new JsonDocumentOptions { MaxDepth = 64 }, context.RequestAborted);
        }
        catch (JsonException)
        {
            return Next(ShopAnswer.NotVerified);
        }

        using (answer)
        {
            var root = answer.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("protocol", out var protocol) || protocol.ValueKind != JsonValueKind.String
                || !string.Equals(protocol.GetString(), OpenId4VpConstants.DcApiProtocolUnsigned, StringComparison.Ordinal)
                || !root.TryGetProperty("data", out var data))
            {
                return Next(ShopAnswer.NotVerified);
            }

            // Appendix A.4: the presentations must be bound to origin: + the calling page's Origin, which must be one of
            // the verifier's ExpectedOrigins (the app's own). The Origin is the one the browser sent, not the body's.
            var origin = context.Request.Headers.Origin.Count == 1 ? context.Request.Headers.Origin[0] ?? string.Empty : string.Empty;
            var received = await verifier.Verifier.ReceiveDigitalCredentialsApiResponseAsync(transactionId, data, origin, context.RequestAborted);
            if (!received.IsValid)
            {
                return Next(ShopAnswers.FromError(received.Error));
            }

            var result = received.Value;
            switch (result.Status)
            {
                case OpenId4VpTransactionStatus.WalletError:
                    return Next(ShopAnswer.WalletDeclined);
                case OpenId4VpTransactionStatus.Accepted:
                    break;
                default:
                    return Next(SharedNothing(data) ? ShopAnswer.NotShared : result.Error is { } error ? ShopAnswers.FromError(error) : ShopAnswer.NotVerified);
            }

            await context.SignInAsync(ShopExtensions.AnswerScheme, Principal(result), new AuthenticationProperties { IsPersistent = false });
            return Results.Json(new { location = ShopExtensions.ResultPath });
        }
    }

    // A vp_token without any presentation: the wallet shared nothing (the verifier calls it malformed).
    private static bool SharedNothing(JsonElement data)
        => data.ValueKind == JsonValueKind.Object && data.TryGetProperty("vp_token", out var token)
            && token.ValueKind == JsonValueKind.Object && !token.EnumerateObject().MoveNext();

    private static IResult Next(ShopAnswer answer)
        => Results.Json(new { location = ShopExtensions.ResultPath + "?reason=" + ShopAnswers.ToToken(answer) });

    // As the presentation handler signs in: an identity of the presentation scheme, its method claim from the scheme's
    // claims issuer (what RequireVerifiedClaim reads), and the requested claim only, never another disclosure.
    private ClaimsPrincipal Principal(OpenId4VpTransactionResult result)
    {
        var schemeIssuer = presentationOptions.Get(ShopExtensions.PresentationScheme).ClaimsIssuer ?? ShopExtensions.PresentationScheme;
        var identity = new ClaimsIdentity(ShopExtensions.PresentationScheme);
        identity.AddClaim(new Claim(ClaimTypes.AuthenticationMethod, VerifiablePresentationDefaults.AuthenticationMethod, ClaimValueTypes.String, schemeIssuer));
        foreach (var presentation in result.Presentations)
        {
            if (!presentation.IsValid || presentation.Claims is not { } claims)
            {
                continue;
            }

            foreach (var path in presentation.RequestedClaims)
            {
                var type = path.ToDisplayString();
                if (type is not ("age_over_20" or ShopVerifier.MdocAgeOver20Claim) || !path.TrySelect(claims, out var selection) || selection.Count != 1)
                {
                    continue;
                }

                var value = selection[0].Value.ValueKind switch
                {
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => null,
                };
                if (value is not null && !identity.HasClaim(type, value))
                {
                    identity.AddClaim(new Claim(type, value, ClaimValueTypes.Boolean, presentation.Issuer ?? schemeIssuer));
                }
            }
        }

        return new ClaimsPrincipal(identity);
    }

    private string? ReadTransaction(HttpContext context)
    {
        var text = context.Request.Cookies[CookieName];
        if (string.IsNullOrEmpty(text) || text.Length > 4096)
        {
            return null;
        }

        string value;
        try
        {
            value = Protector().Unprotect(text);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }

        var space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !long.TryParse(value.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || expires > DateTimeOffset.MaxValue.ToUnixTimeSeconds() || time.GetUtcNow() > DateTimeOffset.FromUnixTimeSeconds(expires))
        {
            return null;
        }

        return value[(space + 1)..];
    }

    private IDataProtector Protector() => protection.CreateProtector(Purpose);

    private static CookieOptions CookieOptions(HttpContext context, DateTimeOffset? expires) => new()
    {
        Path = CookiePath,
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        IsEssential = true,
        Expires = expires,
    };
}
