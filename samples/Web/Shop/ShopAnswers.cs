using System;

namespace Credentials.Samples.Web.Shop;

/// <summary>Maps the handler's error codes to <see cref="ShopAnswer"/>.</summary>
public static class ShopAnswers
{
    /// <summary>The refusal for an error code of the presentation handler or the verifier.</summary>
    /// <param name="code">The error code, for example <c>authentication.presentation_expired</c>.</param>
    public static ShopAnswer FromErrorCode(string? code) => code switch
    {
        "authentication.presentation_expired" or "openid4vp.unknown_transaction" or "openid4vp.unknown_state" or "kb.iat_too_old" => ShopAnswer.Expired,
        "openid4vp.wallet_error" => ShopAnswer.WalletDeclined,
        "trust.untrusted_issuer" or "trust.vct_not_allowed" or "trust.key_not_found" or "sdjwt.issuer_key_not_found" or "sdjwtvc.vct_not_accepted" or "openid4vp.credential_type_mismatch" => ShopAnswer.Untrusted,
        "sdjwt.expired" or "kb.expired" or "sdjwtvc.too_old" => ShopAnswer.CredentialExpired,
        "kb.nonce_mismatch" or "kb.audience_mismatch" or "kb.invalid_signature" or "openid4vp.holder_binding_failed" or "openid4vp.response_replayed"
            or "openid4vp.invalid_response_code" or "authentication.transaction_replayed" => ShopAnswer.NotThisRequest,
        "authentication.correlation_failed" or "authentication.presentation_pending" => ShopAnswer.Lost,
        "openid4vp.claims_not_satisfied" or "openid4vp.query_not_satisfied" => ShopAnswer.NotShared,
        _ => ShopAnswer.NotVerified,
    };

    /// <summary>The code a refusal page URL carries (<c>?reason=</c>), and back.</summary>
    /// <param name="answer">The answer.</param>
    public static string ToToken(ShopAnswer answer) => answer.ToString().ToLowerInvariant();

    /// <summary>Parses <see cref="ToToken"/>'s output; unknown text is <see cref="ShopAnswer.NotVerified"/>. <see cref="ShopAnswer.Over20"/> is never read from a URL.</summary>
    /// <param name="token">The token.</param>
    public static ShopAnswer FromToken(string? token)
        => Enum.TryParse<ShopAnswer>(token, ignoreCase: true, out var answer) && answer != ShopAnswer.Over20 && Enum.IsDefined(answer) ? answer : ShopAnswer.NotVerified;
}
