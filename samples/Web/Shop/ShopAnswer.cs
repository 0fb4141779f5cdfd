using System;

namespace Credentials.Samples.Web.Shop;

/// <summary>What the till shows: 20 or over, or a refusal and its reason in plain words. Never any claim value.</summary>
public enum ShopAnswer
{
    /// <summary>A trusted age credential says 20 or over (the policy <c>RequireVerifiedClaim("age_over_20", true)</c> passed).</summary>
    Over20,

    /// <summary>A trusted age credential says not 20 or over.</summary>
    Under20,

    /// <summary>The answer held no valid, trusted age credential with <c>age_over_20</c> (the query was not satisfied).</summary>
    NotShared,

    /// <summary>The request timed out before the wallet answered.</summary>
    Expired,

    /// <summary>The wallet declined or failed.</summary>
    WalletDeclined,

    /// <summary>The credential's issuer is not one the shop trusts, or its type is not an age credential.</summary>
    Untrusted,

    /// <summary>The credential itself has expired.</summary>
    CredentialExpired,

    /// <summary>The answer does not belong to this request (another request's nonce, a replay, a wrong key).</summary>
    NotThisRequest,

    /// <summary>This screen lost its request (another tab, a restart); start again.</summary>
    Lost,

    /// <summary>Anything else that could not be verified.</summary>
    NotVerified,
}
