using System;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Wallet;
using Credentials.Wallet.Holder;
using Credentials.W3c.OpenBadges;

namespace Credentials.Samples.Holder;

/// <summary>
/// Names a stored Open Badge in the user's language, as SD-JWT VCs are named from their type metadata: the achievement's
/// name in that language (its own <c>name</c> with <c>inLanguage</c>, or a language edition in <c>related</c>; see
/// specs/open-badges.md, "Languages"), read by the library's Open Badges model.
/// </summary>
internal static class BadgeNames
{
    /// <summary>
    /// The credential with its name in <paramref name="language"/> when it is a W3C Open Badge whose achievement has a name
    /// in that language; otherwise the credential as listed.
    /// </summary>
    public static async Task<WalletCredential> LocalizeAsync(WalletStore store, WalletCredential credential, UiLanguage language, CancellationToken cancellationToken)
    {
        if (credential.Format is not ("ldp_vc" or "jwt_vc_json"))
        {
            return credential;
        }

        var stored = await store.GetAsync(credential.Id, cancellationToken);
        if (!stored.IsValid || Read(stored.Value.Raw, credential.Format) is not { } badge)
        {
            return credential;
        }

        var tag = language == UiLanguage.Japanese ? "ja" : "en";
        return badge.Achievement.Name.Get(tag) is { } name
            ? credential with { DisplayName = name, DisplayLocale = tag, Description = badge.Achievement.Description.Get(tag) ?? credential.Description }
            : credential;
    }

    /// <summary>The Open Badge in a stored W3C credential (JSON with a proof, or the payload of a VC-JWT), or <see langword="null"/>.</summary>
    private static OpenBadgeCredential? Read(string raw, string format)
    {
        if (format == "ldp_vc")
        {
            return OpenBadgeCredential.Read(raw) is { IsValid: true } json ? json.Value : null;
        }

        if (Jws.ReadCompact(raw) is not { IsValid: true } jws || jws.Value.ParsePayload() is not { IsValid: true } payload)
        {
            return null;
        }

        return OpenBadgeCredential.Read(payload.Value) is { IsValid: true } read ? read.Value : null;
    }
}
