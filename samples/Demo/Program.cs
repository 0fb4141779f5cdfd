using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.SdJwtVc.TypeMetadata;
using Credentials.Status;
using Credentials.Trust;

namespace Credentials.Samples.Demo;

/// <summary>
/// The story in one process, with the library's real parts: an IPA-style issuer with a did:key issues an exam
/// certificate and an age credential as SD-JWT VCs with a Token Status List entry; the holder presents only what each
/// verifier asks for, bound to the verifier's nonce; a shop learns "20 or over" and nothing else; an employer checks
/// the exam; the issuer revokes the certificate and the employer's next check fails with status.revoked.
/// </summary>
public static class Program
{
    private const string ExamVct = "https://credentials.example.jp/vct/ipa/exam-pass/v1";
    private const string AgeVct = "https://credentials.example.jp/vct/age/v1";
    private const string StatusUri = "https://issuer.credentials.example.jp/ipa/status/1";

    public static async Task<int> Main()
    {
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        var ok = true;

        Step("1", "発行者の DID / The issuer's DID", "The IPA-style issuer makes an Ed25519 key and its did:key; the wallet makes a P-256 holder key.");
        using var generated = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issuerDid = DidKey.Create(generated);
        using var issuerKey = SigningKey.FromJwk(generated.ExportPrivateJwk() with { Kid = DidKey.GetKeyId(issuerDid).ToString() });
        using var holderKey = SigningKey.Create(JwsAlgorithm.Es256);
        Console.WriteLine($"   issuer: {issuerDid}");
        Console.WriteLine($"   holder key: {holderKey.PublicJwk.ComputeThumbprintUri()}");

        Step("2", "失効リスト / Status list", "A 2-bit Token Status List; every credential gets a random, never reused index.");
        var statusStore = new InMemoryStatusListStore();
        var statusTokens = new StatusListTokenIssuer(issuerKey, new StatusListTokenIssuerOptions { Issuer = issuerDid.ToString() });
        var statusLists = new StatusListManager(statusStore, statusTokens);
        await statusLists.CreateListAsync(StatusUri, bits: 2, capacity: 4096);
        var examStatus = await statusLists.TryAllocateAsync(StatusUri) ?? throw new InvalidOperationException("The status list is full.");
        Console.WriteLine($"   exam certificate status: {examStatus.Uri} #{examStatus.Index}");

        var metadata = LocalTypeMetadataRegistry.FromDirectory(Path.Combine(AppContext.BaseDirectory, "credential-types"));
        var issuer = new SdJwtVcIssuer(new SdJwtVcIssuerOptions { Issuer = issuerDid.ToString(), DefaultValidity = TimeSpan.FromDays(730) }, issuerKey);

        Step("3", "合格証明書の発行 / Issue the exam certificate", "Registered claims stay plain; the exam is always visible; personal data is selectively disclosable.");
        var exam = await issuer.IssueAsync(new SdJwtVcIssuance
        {
            Vct = ExamVct,
            VctIntegrity = await IntegrityOf(metadata, ExamVct),
            HolderKey = holderKey.PublicJwk,
            Status = examStatus,
            Claims = SdJwtPayload.Create()
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
                .Decoys(3),
        });
        Console.WriteLine($"   {exam.Disclosures.Length} disclosures, {exam.Serialize().Length} characters, typ dc+sd-jwt");

        Step("4", "年齢証明の発行 / Issue the age credential", "age_over_20 is issued explicitly (alcohol and tobacco at 20 in Japan); the birth date is a separate disclosure.");
        var age = await issuer.IssueAsync(new SdJwtVcIssuance
        {
            Vct = AgeVct,
            VctIntegrity = await IntegrityOf(metadata, AgeVct),
            HolderKey = holderKey.PublicJwk,
            ExpiresAt = DateTimeOffset.UtcNow.AddDays(30),
            Claims = SdJwtPayload.Create().Disclosable("age_over_18", true).Disclosable("age_over_20", true).Disclosable("birth_date", "2003-11-08").Decoys(2),
        });

        // The verifiers trust this issuer (by DID) for these two types, and check status offline from a published token.
        using var trust = new TrustList(
            [new TrustedIssuer { Issuer = issuerDid.ToString(), Name = "IPA (sample)", CredentialTypes = [ExamVct, AgeVct] }],
            new DidIssuerKeyResolver(DidResolver.CreateDefault()));
        var statusResolver = new OfflineStatusListResolver(new StatusListTokenVerifier(new DidIssuerKeyResolver(DidResolver.CreateDefault())));
        statusResolver.Add(StatusUri, await statusLists.PublishAsync(StatusUri));
        var verifier = new SdJwtVcVerifier(new SdJwtVcVerifierOptions(), trust, statusResolver, metadata);
        var holder = new SdJwtHolder();

        Step("5", "酒類販売店 / The shop asks: 20 or over?", "The holder discloses age_over_20 only, bound to the shop's nonce.");
        var shopNonce = Guid.NewGuid().ToString("N");
        var toShop = (await holder.PresentAsync(age, [ClaimPath.Of("age_over_20")], new KeyBindingInput("https://shop.example.jp", shopNonce), holderKey)).Value;
        var shop = await verifier.VerifyAsync(toShop.Serialize(), Policy("https://shop.example.jp", shopNonce, AgeVct));
        ok &= Report(shop, ["age_over_20", "age_over_18", "birth_date"]);

        Step("6", "採用企業 / The employer asks: which exam, passed when?", "The exam is always visible; the holder adds pass_date. Name, birth date and certificate number stay hidden.");
        var hrNonce = Guid.NewGuid().ToString("N");
        var toEmployer = (await holder.PresentAsync(exam, [ClaimPath.Of("pass_date")], new KeyBindingInput("https://hr.example.jp", hrNonce), holderKey)).Value;
        var employer = await verifier.VerifyAsync(toEmployer.Serialize(), Policy("https://hr.example.jp", hrNonce, ExamVct));
        ok &= Report(employer, ["exam", "pass_date", "certificate_number", "family_name", "given_name", "birthdate"]);

        Step("7", "改ざん・再送 / Tampering and replay", "A presentation replayed to another verifier, and one with a disclosure swapped in, are refused.");
        var replay = await verifier.VerifyAsync(toShop.Serialize(), Policy("https://hr.example.jp", hrNonce, AgeVct));
        Console.WriteLine($"   replayed to the employer → {(replay.IsValid ? "ACCEPTED (bug!)" : replay.Error.Code.ToString())}");
        var swapped = toShop.WithDisclosures([age.Disclosures.First(d => d.ClaimName == "birth_date")]).Serialize() + toShop.KeyBindingJwt;
        var tampered = await verifier.VerifyAsync(swapped, Policy("https://shop.example.jp", shopNonce, AgeVct));
        Console.WriteLine($"   birth date swapped in    → {(tampered.IsValid ? "ACCEPTED (bug!)" : tampered.Error.Code.ToString())}");
        ok &= !replay.IsValid && !tampered.IsValid;

        Step("8", "失効 / The issuer revokes the certificate", "The issuer revokes the index and publishes a new Status List Token; the employer checks again.");
        await statusLists.RevokeAsync(examStatus);
        statusResolver.Add(StatusUri, await statusLists.PublishAsync(StatusUri));
        var hrNonce2 = Guid.NewGuid().ToString("N");
        var again = (await holder.PresentAsync(exam, [ClaimPath.Of("pass_date")], new KeyBindingInput("https://hr.example.jp", hrNonce2), holderKey)).Value;
        var revoked = await verifier.VerifyAsync(again.Serialize(), Policy("https://hr.example.jp", hrNonce2, ExamVct));
        Console.WriteLine($"   employer's second check  → {(revoked.IsValid ? "ACCEPTED (bug!)" : revoked.Error.Code.ToString())}");
        ok &= revoked.Error?.Code == StatusErrors.Revoked;

        Console.WriteLine();
        Console.WriteLine(ok ? "Demo finished: every check behaved as expected." : "Demo FAILED: a check did not behave as expected.");
        return ok ? 0 : 1;
    }

    private static SdJwtVcPolicy Policy(string audience, string nonce, string vct) => new()
    {
        KeyBinding = KeyBindingRequirement.Required(audience, nonce),
        AcceptedVcts = [vct],
        Status = StatusCheck.IfPresent,
        TypeMetadata = TypeMetadataCheck.Required,
    };

    private static async Task<string> IntegrityOf(LocalTypeMetadataRegistry registry, string vct)
    {
        var document = await registry.GetDocumentAsync(vct);
        return SubresourceIntegrity.Compute(document.Value.Span);
    }

    private static void Step(string number, string title, string detail)
    {
        Console.WriteLine();
        Console.WriteLine($"[{number}] {title}");
        Console.WriteLine($"   {detail}");
    }

    private static bool Report(SdJwtVcVerificationResult result, string[] claimsOfInterest)
    {
        Console.WriteLine("   checks: " + string.Join(", ", result.Checks.Select(c => $"{c.Check} {c.Outcome}")));
        if (!result.IsValid)
        {
            Console.WriteLine($"   REJECTED: {result.Error.Code}");
            return false;
        }

        var credential = result.Credential;
        var metadata = credential.TypeMetadata;
        Console.WriteLine($"   ACCEPTED: {metadata?.GetName("ja-JP")} / {metadata?.GetName("en-US")}");
        foreach (var name in claimsOfInterest)
        {
            var path = ClaimPath.Of(name);
            var label = $"{metadata?.GetClaimLabel(path, "ja-JP") ?? name} / {metadata?.GetClaimLabel(path, "en-US") ?? name}";
            var shown = credential.Claims.TryGetProperty(name, out var value)
                ? "disclosed: " + (value.ValueKind == JsonValueKind.Object ? value.GetProperty("name").GetString() : value.ToString())
                : "not disclosed";
            Console.WriteLine($"     {label,-34} {shown}");
        }

        return true;
    }
}
