using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Credentials;
using Credentials.Keys;
using Credentials.Mdoc;
using Credentials.Mdoc.Certificates;
using Credentials.SdJwt;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Testing;
using Credentials.Trust;
using Credentials.W3c.DataIntegrity;
using Credentials.W3c.OpenBadges;
using Xunit;

namespace Credentials.Tests.Examples;

/// <summary>The Credentials package README's example lives here so it compiles and runs; a test keeps the README's copy identical.</summary>
[Collection("Console output")]
public sealed class PackageReadmeExamplesTests
{
    private const string Readme = "src/Credentials/README.md";
    private const string Source = "tests/Credentials.Tests/Examples/PackageReadmeExamplesTests.cs";

    [Fact]
    public async Task PackageReadme_Runs_DisclosesOnlyAgeOver20()
    {
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        try
        {
            await PackageReadmeAsync("n-0S6_WzA2Mj");
        }
        finally
        {
            Console.SetOut(previous);
        }

        Assert.Equal("True", output.ToString().Trim());
    }

    [Fact]
    public void PackageReadme_Snippet_MatchesCompiledCode()
    {
        Assert.Equal(ReadmeSnippet.Region(Source, "PackageReadme"), ReadmeSnippet.Code(Readme));
        Assert.All(ReadmeSnippet.Usings(Readme), u => Assert.Contains(u, ReadmeSnippet.SourceUsings(Source)));
    }

    [Fact]
    public async Task PackageReadme_OpenBadge_Runs_PrintsTheAchievementName()
    {
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        try
        {
            await OpenBadgeReadmeAsync();
        }
        finally
        {
            Console.SetOut(previous);
        }

        Assert.Equal("基本情報技術者試験", output.ToString().Trim());
    }

    [Fact]
    public void PackageReadme_OpenBadgeSnippet_MatchesCompiledCode()
    {
        Assert.Equal(ReadmeSnippet.Region(Source, "OpenBadgeReadme"), ReadmeSnippet.Code(Readme, block: 1));
        Assert.All(ReadmeSnippet.Usings(Readme, block: 1), u => Assert.Contains(u, ReadmeSnippet.SourceUsings(Source)));
    }

    [Fact]
    public async Task PackageReadme_Mdoc_Runs_DisclosesOnlyAgeOver20()
    {
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        try
        {
            await MdocReadmeAsync("n-0S6_WzA2Mj");
        }
        finally
        {
            Console.SetOut(previous);
        }

        Assert.Equal("age_over_20", output.ToString().Trim());
    }

    [Fact]
    public void PackageReadme_MdocSnippet_MatchesCompiledCode()
    {
        Assert.Equal(ReadmeSnippet.Region(Source, "MdocReadme"), ReadmeSnippet.Code(Readme, block: 2));
        Assert.All(ReadmeSnippet.Usings(Readme, block: 2), u => Assert.Contains(u, ReadmeSnippet.SourceUsings(Source)));
    }

    private static async Task MdocReadmeAsync(string nonce)
    {
        #region MdocReadme
        using var iacaKey = SigningKey.Create(JwsAlgorithm.Es256);
        using var documentSignerKey = SigningKey.Create(JwsAlgorithm.Es256);
        using var deviceKey = SigningKey.Create(JwsAlgorithm.Es256);

        // Issuing authority: an IACA root and a document-signer certificate (ISO/IEC 18013-5 Annex B profiles).
        using var iaca = MdocCertificates.CreateIaca(iacaKey, new IacaCertificateOptions
        {
            CommonName = "Sample IACA Japan",
            IssuerUri = new Uri("https://issuer.example.jp"),
        });
        using var documentSigner = MdocCertificates.CreateDocumentSigner(iacaKey, iaca, documentSignerKey.PublicJwk,
            new DocumentSignerCertificateOptions { CommonName = "Sample document signer" });

        // Issuer: an mDL whose holder proves possession of the device key; age_over_20 is issued explicitly.
        var issued = await new MdocIssuer(documentSignerKey, [documentSigner]).IssueAsync(new MdocIssuance
        {
            DocType = MdocDocTypes.Mdl,
            DeviceKey = deviceKey.PublicJwk,
            NameSpaces = new Dictionary<string, IReadOnlyDictionary<string, MdocValue>>
            {
                [MdocNamespaces.Mdl] = new Dictionary<string, MdocValue>
                {
                    ["family_name"] = MdocValue.FromText("YAMADA"),
                    ["family_name_national_character"] = MdocValue.FromText("山田"),
                    ["birth_date"] = MdocValue.FromFullDate(new DateOnly(2003, 11, 8)),
                    ["age_over_20"] = MdocValue.FromBoolean(true),
                },
            },
        });

        // Holder: present age_over_20 only, bound to this verifier's OpenID4VP request.
        var transcript = SessionTranscript.ForOpenId4Vp("x509_san_dns:shop.example.jp", nonce, null, "https://shop.example.jp/response");
        var selection = new Dictionary<string, IReadOnlyCollection<string>> { [MdocNamespaces.Mdl] = ["age_over_20"] };
        var response = await MdocHolder.PresentAsync([new MdocPresentationInput(issued, selection, deviceKey)], transcript);

        // Verifier: the IACA is the only trust input; every element is checked against the issuer-signed MSO.
        var result = new MdocVerifier(new MdocVerifierOptions { TrustAnchors = [iaca] }).Verify(response.Encode(), transcript);
        Console.WriteLine(result.IsValid
            ? string.Join(", ", result.Value.Documents[0].Elements[MdocNamespaces.Mdl].Keys)
            : result.Error.Code);
        #endregion
    }

    private static async Task OpenBadgeReadmeAsync()
    {
        #region OpenBadgeReadme
        using var issuerKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issuerDid = DidKey.Create(issuerKey);

        // Issuer: an Open Badges 3.0 award, checked against the 1EdTech JSON Schema as it is built.
        var badge = new OpenBadgeCredentialBuilder()
            .Id("urn:uuid:6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b")
            .Name("基本情報技術者試験 合格")
            .Issuer(issuerDid.Value, profile => profile.Name("情報処理推進機構（サンプル）"))
            .ValidFrom(new DateTimeOffset(2026, 6, 15, 0, 0, 0, TimeSpan.FromHours(9)))
            .RecipientIdentifier(IdentityObject.CreateHashedEmail("kenta.sato@example.jp"))
            .Achievement(a => a
                .Id("https://credentials.example.jp/achievements/ipa/FE")
                .Name("基本情報技術者試験", "ja")
                .Description("基本情報技術者試験に合格したことを証明します。", "ja")
                .Criteria("試験に合格すること。"))
            .Build();
        var signed = await new DataIntegrityIssuer(issuerKey, DidKey.GetKeyId(issuerDid).Value)
            .AddProofAsync(badge, new DataIntegrityProofOptions { Cryptosuite = Cryptosuite.EddsaRdfc2022 });

        // Verifier: the badge as received (JSON here; a baked PNG or SVG image, or a JWT, are read the same way).
        var result = await new OpenBadgeVerifier(DidResolver.CreateDefault()).VerifyTextAsync(signed.ToJsonString());
        Console.WriteLine(result.IsValid ? result.Badge!.Achievement.Name.Get("ja") : result.Error.Code);
        #endregion
    }

    private static async Task PackageReadmeAsync(string nonce)
    {
        #region PackageReadme
        using var issuerKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        using var holderKey = SigningKey.Create(JwsAlgorithm.Es256);

        // Issuer: claims marked Disclosable can be withheld by the holder.
        SdJwtToken issued = await new SdJwtIssuer(issuerKey).IssueAsync(SdJwtPayload.Create()
            .Claim("iss", "https://issuer.example")
            .Disclosable("age_over_20", true)
            .Disclosable("birth_date", "2003-11-08"), holderKey.PublicJwk);

        // Holder: disclose age_over_20 only, bound to the verifier's audience and fresh nonce.
        var presented = await new SdJwtHolder().PresentAsync(issued, [ClaimPath.Of("age_over_20")],
            new KeyBindingInput("https://shop.example", nonce), holderKey);

        // Verifier: learns age_over_20 and nothing else.
        var verifier = new SdJwtVerifier(new StaticIssuerKeyResolver(issuerKey.PublicJwk));
        var result = await verifier.VerifyAsync(presented.Value.Serialize(), KeyBindingRequirement.Required("https://shop.example", nonce));
        Console.WriteLine(result.IsValid ? result.Value.Claims.GetProperty("age_over_20") : result.Error.Code);
        #endregion
    }
}
