using System;

namespace Credentials.Samples.Web.Desk;

/// <summary>The words the desk shows for a row's state, in both languages.</summary>
public static class DeskLabels
{
    /// <summary>The state's key (<c>offered</c>, <c>expired</c>, <c>redeemed</c>, <c>revoked</c>, <c>suspended</c>), as in the page's <c>data-state</c>.</summary>
    public static string StateKey(DeskRow row, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.IsExpired(now) ? "expired" : row.State switch
        {
            DeskRowState.Offered => "offered",
            DeskRowState.Redeemed => "redeemed",
            DeskRowState.Revoked => "revoked",
            _ => "suspended",
        };
    }

    /// <summary>The state in Japanese.</summary>
    public static string Japanese(string key) => key switch
    {
        "offered" => "オファー済み（未受領）",
        "expired" => "オファー期限切れ",
        "redeemed" => "発行済み（受領）",
        "revoked" => "失効",
        "suspended" => "一時停止中",
        _ => key,
    };

    /// <summary>The state in English.</summary>
    public static string English(string key) => key switch
    {
        "offered" => "Offered (not yet received)",
        "expired" => "Offer expired",
        "redeemed" => "Issued (redeemed)",
        "revoked" => "Revoked",
        "suspended" => "Suspended",
        _ => key,
    };
}
