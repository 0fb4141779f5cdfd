using System;
using Credentials.SdJwtVc;
using Credentials.W3c;

namespace Credentials.Samples.Web.Checker;

/// <summary>The names of the verifiers' checks and what their failures mean, in plain Japanese and English.</summary>
internal static class CheckExplanations
{
    /// <summary>The name of an SD-JWT VC check.</summary>
    public static (string Japanese, string English) Name(CheckKind check) => check switch
    {
        CheckKind.Signature => ("発行者の署名", "Issuer's signature"),
        CheckKind.IssuerTrust => ("発行者の信頼", "Issuer trust"),
        CheckKind.Disclosures => ("開示された項目の照合", "Disclosed claims match"),
        CheckKind.KeyBinding => ("鍵束縛（提示者が所持者か）", "Key binding (presenter is the holder)"),
        CheckKind.Time => ("有効期間", "Validity period"),
        CheckKind.CredentialType => ("証明書の種類", "Credential type"),
        CheckKind.Status => ("失効状態（Token Status List）", "Status (Token Status List)"),
        CheckKind.TypeMetadata => ("型メタデータ", "Type metadata"),
        _ => (check.ToString(), check.ToString()),
    };

    /// <summary>The name of a W3C credential check.</summary>
    public static (string Japanese, string English) Name(W3cCheckKind check) => check switch
    {
        W3cCheckKind.Proof => ("発行者の署名（証明）", "Issuer's signature (proof)"),
        W3cCheckKind.IssuerTrust => ("発行者の信頼", "Issuer trust"),
        W3cCheckKind.HolderTrust => ("所持者の鍵", "Holder's key"),
        W3cCheckKind.DataModel => ("データモデル（VCDM 2.0）", "Data model (VCDM 2.0)"),
        W3cCheckKind.ValidityPeriod => ("有効期間", "Validity period"),
        W3cCheckKind.Status => ("失効状態（Bitstring Status List）", "Status (Bitstring Status List)"),
        W3cCheckKind.Credentials => ("含まれる証明書", "Enclosed credentials"),
        _ => (check.ToString(), check.ToString()),
    };

    /// <summary>What an error means for the person checking, from its stable code (or, failing that, its kind).</summary>
    public static (string Japanese, string English) Explain(VerificationError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code.Value switch
        {
            "status.revoked" => ("発行者がこの証明書を失効させています。もう有効ではありません。", "The issuer has revoked this credential: it is no longer valid."),
            "status.suspended" => ("発行者がこの証明書を一時停止しています。", "The issuer has suspended this credential for now."),
            "bitstring.status_message" => ("発行者の失効リストが、この証明書を失効または停止と示しています。", "The issuer's status list marks this credential as revoked or suspended."),
            "status.list_unavailable" or "bitstring.retrieval_failed" => ("失効リストを取得できませんでした。失効しているかどうかは分かりません。", "The status list could not be fetched: whether the credential was revoked is unknown."),
            "trust.untrusted_issuer" or "vc.untrusted_issuer" or "sdjwt.issuer_key_not_found" or "trust.key_not_found" =>
                ("発行者がこの確認ページの信頼する発行者に含まれていません。内容が本物かどうか判断できません。", "The issuer is not one this checker trusts: nothing it says can be relied on here."),
            "trust.vct_not_allowed" => ("この発行者は、この種類の証明書を発行する者として登録されていません。", "This issuer is not registered to issue this type of credential."),
            "vc.issuer_key_mismatch" or "di.controller_mismatch" => ("署名した鍵が発行者のものではありません。他人が発行者の名前で署名しています。", "The signing key does not belong to the issuer: someone else signed in the issuer's name."),
            "bake.no_credential" => ("この画像にはバッジが焼き込まれていません（ただの画像です）。", "This image has no badge baked into it: it is only a picture."),
            "bake.invalid_png" or "bake.crc_mismatch" => ("PNG 画像が壊れています。", "The PNG image is damaged."),
            "bake.invalid_svg" or "bake.not_svg" or "bake.too_deep" => ("SVG 画像として読めません（DTD や実体宣言を含むもの、入れ子が深すぎるものは受け付けません）。", "The SVG image could not be read (one with a document type declaration or entities, or nested too deeply, is refused)."),
            "bake.multiple_credentials" => ("画像に複数のバッジが焼き込まれています。どれを確認すべきか決められないため受け付けません。", "The image has more than one badge baked into it: which one to check cannot be decided, so none is."),
            "bake.compressed_credential" => ("焼き込まれたバッジが圧縮されています（Open Badges では禁止）。展開せずに断りました。", "The baked badge is compressed, which Open Badges forbids: it was refused without being expanded."),
            "bake.too_large" or "bake.credential_too_large" or "sdjwt.too_large" or "jose.too_large" or "vc.too_large" =>
                ("大きすぎます。上限を超えたものは読みません。", "It is too large: anything over the limit is not read."),
            "bake.unrecognized_format" or "vc.unrecognized_format" => ("資格情報として認識できる形式ではありません。", "This is not in a form recognised as a credential."),
            "jose.algorithm_not_allowed" or "jose.unsupported_algorithm" or "jose.missing_algorithm" or "ob.jwt_invalid_header" =>
                ("署名の方式が許可されていません（「none」など、署名のない JWT は受け付けません）。", "The signature algorithm is not allowed (a JWT with alg \"none\", that is without a signature, is refused)."),
            "sdjwt.too_many_disclosures" => ("開示された項目の数が多すぎます。上限を超えた提示は読みません。", "It has too many disclosures: a presentation over the limit is not read."),
            "sdjwt.too_deep" => ("入れ子が深すぎます。上限を超えたものは読みません。", "It is nested too deeply: anything over the limit is not read."),
            _ => error.Code.Kind switch
            {
                VerificationFailureKind.Malformed => ("証明書の形式が正しくありません（壊れているか、対応していない形式です）。", "The credential is not well formed (damaged, or a form this checker does not read)."),
                VerificationFailureKind.UnsupportedAlgorithm => ("署名の方式が許可されていません。", "The signature uses an algorithm that is not allowed."),
                VerificationFailureKind.InvalidSignature => ("署名が内容と一致しません。署名の後に書き換えられたか、壊れています。", "The signature does not match the content: it was changed or damaged after it was signed."),
                VerificationFailureKind.UntrustedIssuer => ("発行者を信頼できません。", "The issuer cannot be trusted."),
                VerificationFailureKind.Expired => ("有効期限が切れています。", "It has expired."),
                VerificationFailureKind.NotYetValid => ("まだ有効期間が始まっていません。", "It is not valid yet."),
                VerificationFailureKind.InvalidDisclosure => ("開示された項目が署名された内容と一致しません。", "A disclosed claim does not match what the issuer signed."),
                VerificationFailureKind.KeyBindingFailed => ("提示者が証明書の所持者であることを確認できませんでした。", "The presenter could not be shown to be the credential's holder."),
                VerificationFailureKind.Revoked => ("発行者が失効または停止させています。", "The issuer has revoked or suspended it."),
                VerificationFailureKind.PolicyViolation => ("この確認ページの方針に合いません。", "It does not meet this checker's policy."),
                VerificationFailureKind.ResolutionFailed => ("確認に必要な情報（鍵や失効リスト）を取得できませんでした。", "Something the check needs (a key, a status list) could not be fetched."),
                _ => ("確認できませんでした。", "It could not be verified."),
            },
        };
    }

    /// <summary>The error's code followed by its causes: <c>a ← b ← c</c>.</summary>
    public static string Codes(VerificationError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var text = error.Code.Value;
        for (var inner = error.Inner; inner is not null; inner = inner.Inner)
        {
            text += " ← " + inner.Code.Value;
        }

        return text;
    }

    /// <summary>The page's view of a library outcome.</summary>
    public static CheckOutcomeView View(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Passed => CheckOutcomeView.Passed,
        CheckOutcome.Failed => CheckOutcomeView.Failed,
        CheckOutcome.PassedWithoutAudienceAndNonce => CheckOutcomeView.Partial,
        CheckOutcome.NotReached => CheckOutcomeView.NotReached,
        _ => CheckOutcomeView.NotApplicable,
    };
}
