using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;

namespace Credentials.Samples.Demo;

/// <summary>
/// The whole story in one process: an IPA-style issuer signs an exam certificate and an age credential as SD-JWTs,
/// a holder presents only what each verifier asks for with key binding, and the verifiers check everything.
/// </summary>
public static class Program
{
    private const string IssuerId = "https://issuer.credentials.example.jp/ipa";

    public static async Task<int> Main()
    {
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        Step("1", "発行者の鍵 / Issuer key", "The IPA-style issuer creates an Ed25519 signing key; the holder's wallet creates a P-256 key.");
        using var issuerKey = SigningKey.Create(JwsAlgorithm.EdDsa, keyId: "ipa-2026-1");
        using var holderKey = SigningKey.Create(JwsAlgorithm.Es256);
        Console.WriteLine($"   issuer key thumbprint: {issuerKey.PublicJwk.ComputeThumbprintUri()}");
        Console.WriteLine($"   holder key thumbprint: {holderKey.PublicJwk.ComputeThumbprintUri()}");

        var now = TimeProvider.System.GetUtcNow();
        var issuer = new SdJwtIssuer(new SdJwtIssuerOptions { Type = "dc+sd-jwt" }, issuerKey);

        Step("2", "合格証明書の発行 / Issue the exam certificate", "Registered claims stay plain; personal data is selectively disclosable.");
        var examPayload = SdJwtPayload.Create()
            .Claim("iss", IssuerId)
            .Claim("iat", now.ToUnixTimeSeconds())
            .Claim("exp", now.AddYears(2).ToUnixTimeSeconds())
            .Claim("vct", "https://credentials.example.jp/vct/ipa/exam-pass/v1")
            .Object("exam", e => e
                .Claim("category_code", "FE")
                .Claim("name", "基本情報技術者試験")
                .Claim("name#en-US", "Fundamental Information Technology Engineer Examination")
                .Claim("session", "2026-05"))
            .Disclosable("pass_date", "2026-06-15")
            .Disclosable("certificate_number", "2026-05-01234")
            .Disclosable("family_name", "高橋")
            .Disclosable("given_name", "結衣")
            .Disclosable("birthdate", "2003-11-08")
            .Decoys(3);
        var exam = await issuer.IssueAsync(examPayload, holderKey.PublicJwk);
        Console.WriteLine($"   {exam.Disclosures.Length} disclosures, {exam.Serialize().Length} characters");

        Step("3", "年齢証明の発行 / Issue the age credential", "age_over_20 is issued explicitly (Japan: alcohol and tobacco at 20); the birth date is separate.");
        var agePayload = SdJwtPayload.Create()
            .Claim("iss", IssuerId)
            .Claim("iat", now.ToUnixTimeSeconds())
            .Claim("exp", now.AddYears(1).ToUnixTimeSeconds())
            .Claim("vct", "https://credentials.example.jp/vct/age/v1")
            .Disclosable("age_over_18", true)
            .Disclosable("age_over_20", true)
            .Disclosable("birth_date", "2003-11-08")
            .Decoys(2);
        var age = await issuer.IssueAsync(agePayload, holderKey.PublicJwk);

        var holder = new SdJwtHolder();
        var trust = new StaticIssuerKeyResolver([new KeyValuePair<string, Jwk>(IssuerId, issuerKey.PublicJwk)]);
        var verifier = new SdJwtVerifier(new SdJwtVerifierOptions(), trust);

        Step("4", "酒類販売店 / The shop asks: over 20?", "The holder discloses age_over_20 only, bound to the shop's nonce.");
        var shopNonce = Guid.NewGuid().ToString("N");
        var toShop = await holder.PresentAsync(age, [ClaimPath.Of("age_over_20")], new KeyBindingInput("https://shop.example.jp", shopNonce), holderKey);
        var shopResult = await verifier.VerifyAsync(toShop.Value.Serialize(), KeyBindingRequirement.Required("https://shop.example.jp", shopNonce));
        Report(shopResult, ["age_over_20", "age_over_18", "birth_date"]);

        Step("5", "採用企業 / The employer asks: which exam, passed when?", "The holder discloses the exam (always visible) and pass_date; name, birth date and number stay hidden.");
        var hrNonce = Guid.NewGuid().ToString("N");
        var toEmployer = await holder.PresentAsync(exam, [ClaimPath.Of("pass_date")], new KeyBindingInput("https://hr.example.jp", hrNonce), holderKey);
        var hrResult = await verifier.VerifyAsync(toEmployer.Value.Serialize(), KeyBindingRequirement.Required("https://hr.example.jp", hrNonce));
        Report(hrResult, ["exam", "pass_date", "certificate_number", "family_name", "given_name", "birthdate"]);

        Step("6", "改ざん・再送 / Tampering and replay", "A presentation replayed to another verifier, and one with a disclosure swapped, are refused.");
        var replay = await verifier.VerifyAsync(toShop.Value.Serialize(), KeyBindingRequirement.Required("https://hr.example.jp", hrNonce));
        Console.WriteLine($"   replayed to the employer  → {(replay.IsValid ? "ACCEPTED (bug!)" : replay.Error.Code.ToString())}");
        var swapped = toShop.Value.WithDisclosures([age.Disclosures.First(d => d.ClaimName == "birth_date")]).Serialize() + toShop.Value.KeyBindingJwt;
        var tampered = await verifier.VerifyAsync(swapped, KeyBindingRequirement.Required("https://shop.example.jp", shopNonce));
        Console.WriteLine($"   birth date swapped in     → {(tampered.IsValid ? "ACCEPTED (bug!)" : tampered.Error.Code.ToString())}");

        var ok = shopResult.IsValid && hrResult.IsValid && !replay.IsValid && !tampered.IsValid;
        Console.WriteLine();
        Console.WriteLine(ok ? "Demo finished: every check behaved as expected." : "Demo FAILED: a check did not behave as expected.");
        return ok ? 0 : 1;
    }

    private static void Step(string number, string title, string detail)
    {
        Console.WriteLine();
        Console.WriteLine($"[{number}] {title}");
        Console.WriteLine($"   {detail}");
    }

    private static void Report(Credentials.VerificationResult<VerifiedSdJwt> result, string[] claimsOfInterest)
    {
        if (!result.IsValid)
        {
            Console.WriteLine($"   REJECTED: {result.Error.Code}");
            return;
        }

        Console.WriteLine($"   ACCEPTED (issuer {result.Value.Issuer}, key binding {(result.Value.KeyBinding is null ? "absent" : "verified")})");
        foreach (var name in claimsOfInterest)
        {
            var shown = result.Value.Claims.TryGetProperty(name, out var value)
                ? "disclosed: " + (value.ValueKind == JsonValueKind.Object ? value.GetProperty("name").GetString() : value.ToString())
                : "not disclosed";
            Console.WriteLine($"     {name,-20} {shown}");
        }
    }
}
