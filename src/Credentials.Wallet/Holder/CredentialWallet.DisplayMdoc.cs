using System;
using System.Collections.Generic;
using System.Linq;
using Credentials.Dcql;
using Credentials.Dcql.Matching;
using Credentials.Wallet.Holder.Internal;

namespace Credentials.Wallet.Holder;

public sealed partial class CredentialWallet
{
    private static bool IsMdocFormat(string format) => string.Equals(format, DcqlFormats.MsoMdoc, StringComparison.Ordinal);

    /// <summary>An mdoc query (OpenID4VP 1.0 Appendix B.2.3 <c>doctype_value</c>) matched on the stored doctype alone.</summary>
    private static bool IsMdocCandidate(CredentialQuery query, CredentialSummary summary)
        => DcqlMatcher.IsCandidateType(query, summary.Format, summary.DocType);

    /// <summary>The <c>intent_to_retain</c> of the claims query asking for <paramref name="path"/>, if stated.</summary>
    private static bool? IntentToRetain(CredentialQuery query, ClaimPath path)
    {
        if (query.Claims is not { IsDefaultOrEmpty: false } claims)
        {
            return null;
        }

        bool? result = null;
        foreach (var claim in claims)
        {
            if (claim.Path.Equals(path) && claim.IntentToRetain is { } retain)
            {
                result = (result ?? false) || retain;
            }
        }

        return result;
    }

    /// <summary>
    /// An mdoc's details: every data element as <c>[namespace, element]</c>, labelled with its element identifier, with
    /// its value as JSON (full-date and tdate as text, byte strings as base64url); all selectively disclosable. Elements
    /// such as <c>family_name_national_character</c> are shown as stored, in their own script.
    /// </summary>
    private VerificationResult<CredentialDetails> MdocDetails(StoredCredential stored, string? locale)
    {
        var view = HolderView.BuildMdoc(stored.Raw);
        if (!view.IsValid)
        {
            return view.Error;
        }

        var claims = new List<WalletClaim>();
        foreach (var (ns, items) in view.Value.Mdoc!.NameSpaces)
        {
            foreach (var item in items)
            {
                var path = ClaimPath.Of(ns, item.ElementIdentifier);
                claims.Add(new WalletClaim(path, item.ElementIdentifier, ns, ValueAt(view.Value.Claims, path), IsSelectivelyDisclosable: true));
            }
        }

        locale ??= _options.Locale;
        return new CredentialDetails { Credential = Describe(stored.Summary, null, locale, _options.TimeProvider.GetUtcNow()), Claims = claims };
    }
}
