using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Dcql;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.SdJwtVc.TypeMetadata;
using Credentials.SdJwtVc.TypeMetadata.Resolution;
using Credentials.Wallet.Holder;
using Xunit;
using Credentials.Testing;
using Credentials.Trust;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Wallet.Tests.Holder;

/// <summary>
/// A real wallet file in a temp folder, a trusted issuer (ES256, known by its iss), type metadata for the sample types,
/// a settable clock, and the holder service on top. Credentials are issued with the core library.
/// </summary>
internal sealed class HolderTestBed : IDisposable
{
    public const string IssuerId = "https://issuer.credentials.example.jp";
    public const string PidVct = "https://credentials.example.jp/vct/pid/v1";
    public const string AgeVct = "https://credentials.example.jp/vct/age/v1";
    public const string ResidentVct = "https://credentials.example.jp/vct/resident/v1";
    public const string Verifier = "x509_san_dns:shop.example.jp";

    private readonly SigningKey _issuerKey = SigningKey.Create(JwsAlgorithm.Es256);

    private HolderTestBed(TempWallet temp, WalletStore store, CredentialWalletOptions? options)
    {
        Temp = temp;
        Store = store;
        Trust = new StaticIssuerKeyResolver([new KeyValuePair<string, Jwk>(IssuerId, _issuerKey.PublicJwk)]);
        Metadata = LocalTypeMetadataRegistry.FromDocuments([File.ReadAllBytes(Fixture("age_v1.type-metadata.json")), File.ReadAllBytes(Fixture("pid_jp.type-metadata.json"))]);
        ImportVerifier = new SdJwtVcVerifier(Trust, typeMetadata: Metadata, options: new SdJwtVcVerifierOptions { TimeProvider = Clock });
        Options = (options ?? new CredentialWalletOptions { Locale = "ja-JP" }) with { TimeProvider = Clock, ImportStatus = StatusCheck.Skip };
        Wallet = new CredentialWallet(store, ImportVerifier, Options);
    }

    public static DateTimeOffset Now { get; } = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Now);

    public TempWallet Temp { get; }

    public WalletStore Store { get; }

    public CredentialWallet Wallet { get; }

    public CredentialWalletOptions Options { get; }

    public SdJwtVcVerifier ImportVerifier { get; }

    public StaticIssuerKeyResolver Trust { get; }

    public LocalTypeMetadataRegistry Metadata { get; }

    public Jwk IssuerPublicJwk => _issuerKey.PublicJwk;

    public static async Task<HolderTestBed> CreateAsync(CredentialWalletOptions? options = null, WalletOptions? walletOptions = null)
    {
        var temp = new TempWallet();
        var store = await temp.CreateAsync(walletOptions ?? TempWallet.FastOptions);
        return new HolderTestBed(temp, store, options);
    }

    public async Task<HolderKeyInfo> NewHolderKeyAsync()
    {
        var key = await Store.CreateHolderKeyAsync(JwsAlgorithm.Es256);
        Assert.True(key.IsValid, key.Error?.ToString());
        return key.Value;
    }

    /// <summary>Issues an SD-JWT VC from the trusted issuer (or another key), valid for 30 days from the clock.</summary>
    public async Task<string> IssueAsync(string vct, SdObject claims, Jwk? holderKey, SigningKey? issuerKey = null, DateTimeOffset? expiresAt = null, string issuer = IssuerId)
    {
        var signer = issuerKey ?? _issuerKey;
        var sdIssuer = new SdJwtVcIssuer(signer, options: new SdJwtVcIssuerOptions { Issuer = issuer, TimeProvider = Clock });
        var issued = await sdIssuer.IssueAsync(new SdJwtVcIssuance { Vct = vct, Claims = claims, HolderKey = holderKey, ExpiresAt = expiresAt ?? Now.AddDays(30) });
        return issued.Serialize();
    }

    /// <summary>Issues an SD-JWT VC whose registered claims (including <c>cnf</c>) are written as given, from the trusted issuer key.</summary>
    public async Task<string> IssueWithCnfAsync(string vct, SdObject claims, System.Text.Json.Nodes.JsonObject cnf)
    {
        var payload = claims
            .Claim("iss", IssuerId)
            .Claim("vct", vct)
            .Claim("iat", Now.ToUnixTimeSeconds())
            .Claim("exp", Now.AddDays(30).ToUnixTimeSeconds())
            .Claim("cnf", cnf);
        var issued = await new SdJwtIssuer(_issuerKey, new SdJwtIssuerOptions { Type = "dc+sd-jwt" }).IssueAsync(payload);
        return issued.Serialize();
    }

    /// <summary>A PID in the style of the Japanese samples: names, birth date, an address object (disclosable, with disclosable members and a plaintext country), e-mail, nationalities.</summary>
    public static SdObject PidClaims() => SdJwtPayload.Create()
        .Disclosable("family_name", "山田")
        .Disclosable("given_name", "花子")
        .Disclosable("birthdate", "2002-04-02")
        .Object("address", a => a.Disclosable("locality", "千代田区").Disclosable("postal_code", "100-0001").Claim("country", "JP"), disclosable: true)
        .Disclosable("email", "hanako@example.jp")
        .Array("nationalities", n => n.DisclosableElement("JP").Decoys(1))
        .Claim("issuing_country", "JP")
        .Decoys(2);

    /// <summary>The Japanese sample age credential.</summary>
    public static SdObject AgeClaims(bool includeTwenty = true) => SdJwtPayload.Create()
        .Object("age_equal_or_over", a =>
        {
            a.Disclosable("18", true);
            if (includeTwenty)
            {
                a.Disclosable("20", true);
            }
            else
            {
                a.Disclosable("21", false);
            }

            a.Disclosable("65", false);
        })
        .Disclosable("age_in_years", 24)
        .Disclosable("age_birth_year", 2002)
        .Disclosable("birthdate", "2002-04-02")
        .Claim("issuing_authority", "サンプル年齢確認サービス株式会社")
        .Claim("issuing_country", "JP");

    public async Task<ImportedCredential> ImportAsync(string credential)
    {
        var imported = await Wallet.ImportAsync(credential);
        Assert.True(imported.IsValid, imported.Error?.ToString());
        return imported.Value;
    }

    public async Task<PresentationPlan> PrepareAsync(DcqlQuery query, string nonce = "n-0S6_WzA2Mj", string? locale = null)
    {
        var plan = await Wallet.PrepareAsync(new PresentationRequest(query, Verifier, nonce) { Purpose = "年齢確認のため" }, locale);
        Assert.True(plan.IsValid, plan.Error?.ToString());
        return plan.Value;
    }

    public async Task<PresentationResponse> ApproveAsync(PresentationPlan plan, PresentationConsent? consent = null)
    {
        var response = await Wallet.RespondAsync(plan, consent ?? PresentationConsent.Approve);
        Assert.True(response.IsValid, response.Error?.ToString());
        return response.Value;
    }

    /// <summary>Verifies a presentation as the verifier would: trusted issuer, KB-JWT required with this audience and nonce.</summary>
    public async Task<VerifiedSdJwtVc> VerifyPresentationAsync(string presentation, string nonce = "n-0S6_WzA2Mj", string audience = Verifier)
    {
        var verifier = new SdJwtVcVerifier(Trust, options: new SdJwtVcVerifierOptions { TimeProvider = Clock });
        var result = await verifier.VerifyAsync(presentation, new SdJwtVcPolicy { KeyBinding = KeyBindingRequirement.Required(audience, nonce), Status = StatusCheck.Skip, TypeMetadata = TypeMetadataCheck.Skip });
        Assert.True(result.IsValid, result.Error?.ToString());
        return result.Value!;
    }

    public static DcqlQuery Query(string fixture)
    {
        var parsed = DcqlQuery.Read(File.ReadAllText(Fixture(fixture)));
        Assert.True(parsed.IsValid, parsed.Error?.ToString());
        return parsed.Value;
    }

    public static DcqlQuery ParseQuery(string json)
    {
        var parsed = DcqlQuery.Read(json);
        Assert.True(parsed.IsValid, parsed.Error?.ToString());
        return parsed.Value;
    }

    public static string Fixture(string name) => Path.Combine(RepositoryRoot.Path, "specs", "vectors", "dcql-wallet", name);

    public static IReadOnlyList<string> Sorted(IEnumerable<ClaimPath> paths) => [.. paths.Select(p => p.ToString()).Order(StringComparer.Ordinal)];

    public void Dispose()
    {
        Store.Dispose();
        _issuerKey.Dispose();
        Temp.Dispose();
    }
}
