using System.Collections.Generic;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc;

namespace Credentials.Benchmarks;

/// <summary>
/// The credential every SD-JWT measurement uses, here and in the cross-language comparison: an IPA-style exam pass with
/// 10 selectively disclosable claims, bound to the holder's key; 3 of them are presented.
/// </summary>
internal static class ExamWorkload
{
    public const string Issuer = "https://issuer.credentials.example.jp";
    public const string Vct = "https://credentials.example.jp/vct/ipa/exam-pass/v1";
    public const string Audience = "https://verifier.example.jp";
    public const string Nonce = "n-0S6_WzA2Mj";

    /// <summary>The claims to present: a name, the age statement and the pass date.</summary>
    public static List<ClaimPath> Selection() => [ClaimPath.Of("given_name"), ClaimPath.Of("age_over_20"), ClaimPath.Of("pass_date")];

    /// <summary>A new issuance description (built per call, as an issuer builds one per person).</summary>
    public static SdJwtVcIssuance Issuance(Jwk holderKey) => new()
    {
        Vct = Vct,
        HolderKey = holderKey,
        Claims = SdJwtPayload.Create()
            .Disclosable("given_name", "結衣")
            .Disclosable("family_name", "高橋")
            .Disclosable("birthdate", "2003-11-08")
            .Disclosable("age_over_18", true)
            .Disclosable("age_over_20", true)
            .Disclosable("pass_date", "2026-06-15")
            .Disclosable("certificate_number", "2026-05-01234")
            .Disclosable("exam_category", "FE")
            .Disclosable("exam_session", "2026-05")
            .Disclosable("issuing_country", "JP"),
    };
}
