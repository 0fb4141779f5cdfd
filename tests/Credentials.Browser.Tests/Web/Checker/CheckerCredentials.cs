using System;
using System.IO;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Dids.Methods;
using Credentials.Keys;
using Credentials.Samples;
using Credentials.Samples.Badges;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Trust;
using Credentials.W3c;
using Credentials.W3c.DataIntegrity;
using Credentials.W3c.OpenBadges;
using Credentials.W3c.OpenBadges.Baking;

namespace Credentials.Browser.Tests.Web.Checker;

/// <summary>
/// Credentials for the checker's tests: an SD-JWT VC issuer and an Open Badge issuer (did:key, Ed25519) that the
/// checker trusts through its trust list file, and the same two made with keys nobody trusts.
/// </summary>
internal sealed class CheckerCredentials : IDisposable
{
    public const string TrustedSdJwtIssuer = "https://exam.example.jp/checker-test";
    public const string UntrustedSdJwtIssuer = "https://forger.example/checker-test";
    public const string HostileVct = "https://example.test/vct/hostile";

    private readonly SigningKey _sdJwtKey = SigningKey.Create(JwsAlgorithm.Es256, "exam-1");
    private readonly SigningKey _forgerKey = SigningKey.Create(JwsAlgorithm.Es256, "exam-1");
    private readonly SigningKey _badgeKey;
    private readonly SigningKey _untrustedBadgeKey;
    private readonly TimeProvider _time;

    public CheckerCredentials(TimeProvider time)
    {
        _time = time;
        (_badgeKey, BadgeIssuer) = DidKeySigner();
        (_untrustedBadgeKey, UntrustedBadgeIssuer) = DidKeySigner();
    }

    /// <summary>The trusted badge issuer's did:key.</summary>
    public string BadgeIssuer { get; }

    /// <summary>A badge issuer on no list.</summary>
    public string UntrustedBadgeIssuer { get; }

    /// <summary>The checker's trust list file: the SD-JWT VC issuer with its key, the badge issuer by its DID.</summary>
    public string TrustListJson()
    {
        using var list = new TrustList(
        [
            new TrustedIssuer { Issuer = TrustedSdJwtIssuer, Name = "テスト試験機関 (Test exam body)", Keys = [_sdJwtKey.PublicJwk], CredentialTypes = ["*"] },
            new TrustedIssuer { Issuer = BadgeIssuer, Name = "Test badge issuer", CredentialTypes = ["*"] },
        ]);
        return list.ToJson();
    }

    /// <summary>Writes the trust list into the app's data folder.</summary>
    public void WriteTrustList(string dataDirectory)
        => File.WriteAllText(Path.Combine(dataDirectory, "checker-trusted-issuers.json"), TrustListJson());

    /// <summary>An issued ipa-exam SD-JWT VC (no key binding) from the trusted or the forger's issuer.</summary>
    public async Task<string> IpaExamAsync(bool trusted = true)
    {
        var prepared = CredentialTypes.IpaExam.Prepare(CredentialTypes.IpaExam.GetSampleClaims(), _time.GetUtcNow());
        var issuer = new SdJwtVcIssuer(trusted ? _sdJwtKey : _forgerKey, new SdJwtVcIssuerOptions { Issuer = trusted ? TrustedSdJwtIssuer : UntrustedSdJwtIssuer, TimeProvider = _time });
        var token = await issuer.IssueAsync(prepared.ToIssuance());
        return token.Serialize();
    }

    /// <summary>An issued ipa-exam SD-JWT VC from the trusted issuer whose status list reference is <paramref name="statusListUri"/>.</summary>
    public async Task<string> IpaExamWithStatusAsync(string statusListUri)
    {
        var prepared = CredentialTypes.IpaExam.Prepare(CredentialTypes.IpaExam.GetSampleClaims(), _time.GetUtcNow());
        var issuer = new SdJwtVcIssuer(_sdJwtKey, new SdJwtVcIssuerOptions { Issuer = TrustedSdJwtIssuer, TimeProvider = _time });
        var token = await issuer.IssueAsync(prepared.ToIssuance() with { Status = new Credentials.Status.StatusReference(statusListUri, 7) });
        return token.Serialize();
    }

    /// <summary>An SD-JWT VC whose claim values are markup and script.</summary>
    public async Task<string> HostileAsync(string value)
    {
        var issuer = new SdJwtVcIssuer(_sdJwtKey, new SdJwtVcIssuerOptions { Issuer = TrustedSdJwtIssuer, TimeProvider = _time });
        var token = await issuer.IssueAsync(new SdJwtVcIssuance
        {
            Vct = HostileVct,
            ExpiresAt = _time.GetUtcNow().AddDays(30),
            Claims = new SdObject().Disclosable("given_name", value).Claim(value, "as a claim name"),
        });
        return token.Serialize();
    }

    /// <summary>An ipa-exam Open Badge with a Data Integrity proof (eddsa-rdfc-2022), as JSON.</summary>
    public async Task<string> BadgeJsonAsync(bool trusted = true)
    {
        var issuerDid = trusted ? BadgeIssuer : UntrustedBadgeIssuer;
        var key = trusted ? _badgeKey : _untrustedBadgeKey;
        var signed = await new DataIntegrityIssuer(key, key.KeyId!, new DataIntegrityIssuerOptions { TimeProvider = _time })
            .AddProofAsync(UnsignedBadge(issuerDid), new DataIntegrityProofOptions { Cryptosuite = Cryptosuite.EddsaRdfc2022 });
        return signed.ToJsonString();
    }

    /// <summary>The trusted ipa-exam Open Badge as a JWT (Open Badges 3.0 section 8.2).</summary>
    public async Task<string> BadgeJwtAsync()
    {
        var read = W3cCredential.Read(UnsignedBadge(BadgeIssuer).ToJsonString());
        return await new OpenBadgeJwtIssuer(_badgeKey).IssueAsync(read.GetValueOrThrow());
    }

    /// <summary>The trusted Data Integrity badge baked into the samples' badge image.</summary>
    public async Task<byte[]> BakedPngAsync()
    {
        var badge = await BadgeJsonAsync();
        var image = File.ReadAllBytes(Path.Combine(Credentials.Testing.RepositoryRoot.Path, "samples", "Issuer", "SampleData", "badge.png"));
        return new BadgeBaker().BakePng(image, badge).GetValueOrThrow();
    }

    public void Dispose()
    {
        _sdJwtKey.Dispose();
        _forgerKey.Dispose();
        _badgeKey.Dispose();
        _untrustedBadgeKey.Dispose();
    }

    private JsonObject UnsignedBadge(string issuerDid)
    {
        var prepared = CredentialTypes.IpaExam.Prepare(CredentialTypes.IpaExam.GetSampleClaims(), _time.GetUtcNow());
        return OpenBadgeMapping.ToOpenBadge(prepared, new OpenBadgeIssue { Issuer = issuerDid, CredentialId = "urn:uuid:" + Guid.NewGuid().ToString("D") });
    }

    private static (SigningKey Key, string Did) DidKeySigner()
    {
        using var generated = SigningKey.Create(JwsAlgorithm.EdDsa);
        var did = DidKey.Create(generated.PublicJwk);
        var kid = DidKey.GetKeyId(did).ToString();
        return (SigningKey.FromJwk(generated.ExportPrivateJwk() with { Kid = kid }), did.ToString());
    }
}
