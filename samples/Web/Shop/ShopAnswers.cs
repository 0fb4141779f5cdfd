using System;
using System.Collections.Generic;
using Credentials.AspNetCore.Authentication;

namespace Credentials.Samples.Web.Shop;

/// <summary>Maps the handler's and the verifier's error codes to <see cref="ShopAnswer"/>.</summary>
public static class ShopAnswers
{
    // A chain deeper than this is cut (a hostile answer cannot make the walk long).
    private const int MaxChain = 8;

    /// <summary>
    /// The refusal for an error code of the presentation handler or the verifier, or <see langword="null"/> when the
    /// code alone says nothing the till can put in plain words.
    /// </summary>
    /// <param name="code">The error code, for example <c>authentication.presentation_expired</c>.</param>
    public static ShopAnswer? FromErrorCode(string? code) => code switch
    {
        "authentication.presentation_expired" or "openid4vp.unknown_transaction" or "openid4vp.unknown_state" or "kb.iat_too_old" => ShopAnswer.Expired,
        "openid4vp.wallet_error" => ShopAnswer.WalletDeclined,
        "trust.untrusted_issuer" or "trust.vct_not_allowed" or "trust.key_not_found" or "sdjwt.issuer_key_not_found" or "sdjwtvc.vct_not_accepted" or "openid4vp.credential_type_mismatch"
            or "mdoc.untrusted_issuer" or "mdoc.missing_certificate" or "mdoc.doc_type_not_accepted" => ShopAnswer.Untrusted,
        "sdjwt.expired" or "kb.expired" or "sdjwtvc.too_old" or "mdoc.expired" => ShopAnswer.CredentialExpired,
        "kb.nonce_mismatch" or "kb.audience_mismatch" or "kb.invalid_signature" or "openid4vp.holder_binding_failed" or "openid4vp.response_replayed"
            or "openid4vp.invalid_response_code" or "authentication.transaction_replayed" or "openid4vp.origin_mismatch" => ShopAnswer.NotThisRequest,
        "authentication.correlation_failed" or "authentication.presentation_pending" => ShopAnswer.Lost,
        "openid4vp.claims_not_satisfied" or "openid4vp.query_not_satisfied" => ShopAnswer.NotShared,
        // A presentation that failed for a reason not listed above: not verified, rather than "not shared".
        "openid4vp.presentation_invalid" => ShopAnswer.NotVerified,
        _ => null,
    };

    /// <summary>
    /// The refusal for a failure's error code chain (the top-level code first, then its causes): the most specific
    /// cause the till can name wins, so an untrusted issuer or an expired credential is said as such rather than
    /// "no valid age credential"; <see cref="ShopAnswer.NotVerified"/> when none of the codes is known.
    /// </summary>
    /// <param name="codes">The codes, outermost first.</param>
    public static ShopAnswer FromErrorCodes(IReadOnlyList<string> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        for (var i = Math.Min(codes.Count, MaxChain) - 1; i >= 0; i--)
        {
            if (FromErrorCode(codes[i]) is { } answer)
            {
                return answer;
            }
        }

        return ShopAnswer.NotVerified;
    }

    /// <summary>The refusal for a verifier error and its causes (<see cref="VerificationError.Inner"/>).</summary>
    /// <param name="error">The error.</param>
    public static ShopAnswer FromError(VerificationError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var codes = new List<string>(4);
        for (var cause = error; cause is not null && codes.Count < MaxChain; cause = cause.Inner)
        {
            codes.Add(cause.Code.Value);
        }

        return FromErrorCodes(codes);
    }

    /// <summary>
    /// The refusal for the properties of a failed presentation: the handler's error code chain
    /// (<see cref="VerifiablePresentationDefaults.ErrorCodesProperty"/>), or its top-level code alone.
    /// </summary>
    /// <param name="items">The failure's properties items.</param>
    public static ShopAnswer FromFailure(IDictionary<string, string?>? items)
    {
        if (items is not null && items.TryGetValue(VerifiablePresentationDefaults.ErrorCodesProperty, out var chain) && !string.IsNullOrEmpty(chain))
        {
            return FromErrorCodes(chain.Split(' ', MaxChain + 1, StringSplitOptions.RemoveEmptyEntries));
        }

        var code = items is not null && items.TryGetValue(VerifiablePresentationDefaults.ErrorCodeProperty, out var value) ? value : null;
        return FromErrorCode(code) ?? ShopAnswer.NotVerified;
    }

    /// <summary>The code a refusal page URL carries (<c>?reason=</c>), and back.</summary>
    /// <param name="answer">The answer.</param>
    public static string ToToken(ShopAnswer answer) => answer.ToString().ToLowerInvariant();

    /// <summary>Parses <see cref="ToToken"/>'s output; unknown text is <see cref="ShopAnswer.NotVerified"/>. <see cref="ShopAnswer.Over20"/> is never read from a URL.</summary>
    /// <param name="token">The token.</param>
    public static ShopAnswer FromToken(string? token)
        => Enum.TryParse<ShopAnswer>(token, ignoreCase: true, out var answer) && answer != ShopAnswer.Over20 && Enum.IsDefined(answer) ? answer : ShopAnswer.NotVerified;
}
