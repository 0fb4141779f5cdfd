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
    /// <param name="trusted">Signed by the trusted badge issuer, else by one on no list.</param>
    /// <param name="issuerName">The <c>issuer.name</c> to write, if not the sample's.</param>
    public async Task<string> BadgeJsonAsync(bool trusted = true, string? issuerName = null)
    {
        var issuerDid = trusted ? BadgeIssuer : UntrustedBadgeIssuer;
        var key = trusted ? _badgeKey : _untrustedBadgeKey;
        var signed = await new DataIntegrityIssuer(key, key.KeyId!, new DataIntegrityIssuerOptions { TimeProvider = _time })
            .AddProofAsync(UnsignedBadge(issuerDid, issuerName), new DataIntegrityProofOptions { Cryptosuite = Cryptosuite.EddsaRdfc2022 });
        return signed.ToJsonString();
    }

    /// <summary>The ipa-exam Open Badge as a JWT (Open Badges 3.0 section 8.2).</summary>
    /// <param name="trusted">Signed by the trusted badge issuer, else by one on no list.</param>
    /// <param name="issuerName">The <c>issuer.name</c> to write, if not the sample's.</param>
    public async Task<string> BadgeJwtAsync(bool trusted = true, string? issuerName = null)
    {
        var read = W3cCredential.Read(UnsignedBadge(trusted ? BadgeIssuer : UntrustedBadgeIssuer, issuerName).ToJsonString());
        return await new OpenBadgeJwtIssuer(trusted ? _badgeKey : _untrustedBadgeKey).IssueAsync(read.GetValueOrThrow());
    }

    /// <summary>A Data Integrity badge (<see cref="BadgeJsonAsync"/>) baked into the samples' badge image.</summary>
    /// <param name="trusted">Signed by the trusted badge issuer, else by one on no list.</param>
    /// <param name="issuerName">The <c>issuer.name</c> to write, if not the sample's.</param>
    public async Task<byte[]> BakedPngAsync(bool trusted = true, string? issuerName = null)
    {
        var badge = await BadgeJsonAsync(trusted, issuerName);
        return new BadgeBaker().BakePng(PlainPng(), badge).GetValueOrThrow();
    }

    /// <summary>The samples' badge image with nothing baked into it.</summary>
    public static byte[] PlainPng() => File.ReadAllBytes(Path.Combine(Credentials.Testing.RepositoryRoot.Path, "samples", "Issuer", "SampleData", "badge.png"));

    /// <summary>An SD-JWT VC from the trusted issuer with one claim built by <paramref name="build"/> (structured, hostile).</summary>
    public async Task<string> WithClaimsAsync(Func<SdObject, SdObject> build)
    {
        var issuer = new SdJwtVcIssuer(_sdJwtKey, new SdJwtVcIssuerOptions { Issuer = TrustedSdJwtIssuer, TimeProvider = _time });
        var token = await issuer.IssueAsync(new SdJwtVcIssuance
        {
            Vct = HostileVct,
            ExpiresAt = _time.GetUtcNow().AddDays(30),
            Claims = build(new SdObject()),
        });
        return token.Serialize();
    }

    public void Dispose()
    {
        _sdJwtKey.Dispose();
        _forgerKey.Dispose();
        _badgeKey.Dispose();
        _untrustedBadgeKey.Dispose();
    }

    private JsonObject UnsignedBadge(string issuerDid, string? issuerName = null)
    {
        var prepared = CredentialTypes.IpaExam.Prepare(CredentialTypes.IpaExam.GetSampleClaims(), _time.GetUtcNow());
        var badge = OpenBadgeMapping.ToOpenBadge(prepared, new OpenBadgeIssue { Issuer = issuerDid, CredentialId = "urn:uuid:" + Guid.NewGuid().ToString("D") });
        if (issuerName is not null)
        {
            badge["issuer"]!["name"] = issuerName;
        }

        return badge;
    }

    private static (SigningKey Key, string Did) DidKeySigner()
    {
        using var generated = SigningKey.Create(JwsAlgorithm.EdDsa);
        var did = DidKey.Create(generated.PublicJwk);
        var kid = DidKey.GetKeyId(did).ToString();
        return (SigningKey.FromJwk(generated.ExportPrivateJwk() with { Kid = kid }), did.ToString());
    }
}
