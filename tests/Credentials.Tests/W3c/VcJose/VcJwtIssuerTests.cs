using System;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Testing;
using Credentials.W3c;
using Credentials.W3c.VcJose;
using Xunit;

namespace Credentials.Tests.W3c.VcJose;

/// <summary>VC-JOSE-COSE section 3.1.1: a credential secured as application/vc+jwt.</summary>
public sealed class VcJwtIssuerTests : IDisposable
{
    private const string IssuerId = "https://exam.example.jp/issuers/1";
    private const string KeyId = IssuerId + "#key-1";
    private readonly SigningKey _key = SigningKey.Create(JwsAlgorithm.Es256, KeyId);

    public void Dispose() => _key.Dispose();

    private static W3cCredential Certificate(string issuer = IssuerId) => new W3cCredentialBuilder()
        .Id("urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33")
        .Type("ExamCertificate")
        .Issuer(issuer)
        .ValidFrom(new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.FromHours(9)))
        .Subject(s => s.Id("did:example:ebfeb1f712ebc6f1c276e12ec21").Claim("examName", "基本情報技術者試験"))
        .Build();

    [Fact]
    public async Task IssueAsync_Credential_PayloadIsTheCredentialItselfByteForByte()
    {
        var credential = Certificate();

        var token = await new VcJwtIssuer(_key).IssueAsync(credential);

        var jws = Jws.ReadCompact(token).Value;
        Assert.Equal(credential.ToUtf8Bytes(), jws.Payload.ToArray());
        Assert.False(JsonDocument.Parse(jws.Payload).RootElement.TryGetProperty("vc", out _));
        Assert.Null(jws.VerifySignature(_key.GetVerificationKey()));
    }

    [Fact]
    public async Task IssueAsync_Header_HasAlgTypAndKidAndNoCtyByDefault()
    {
        var token = await new VcJwtIssuer(_key).IssueAsync(Certificate());

        var header = Jws.ReadCompact(token).Value.Header;
        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        Assert.Equal("vc+jwt", header.GetProperty("typ").GetString());
        Assert.Equal(KeyId, header.GetProperty("kid").GetString());
        Assert.False(header.TryGetProperty("cty", out _));
    }

    [Fact]
    public async Task IssueAsync_WithJwtClaims_AddsCtyIssIatExp()
    {
        var clock = TestClock.AtUnixSeconds(1_743_465_600);
        var options = new VcJwtIssuerOptions
        {
            TimeProvider = clock,
            IncludeContentType = true,
            IncludeIssuerClaim = true,
            IncludeIssuedAt = true,
            SignatureLifetime = TimeSpan.FromDays(365),
        };

        var token = await new VcJwtIssuer(_key, options).IssueAsync(Certificate());

        var jws = Jws.ReadCompact(token).Value;
        Assert.Equal("vc", jws.Header.GetProperty("cty").GetString());
        var payload = JsonDocument.Parse(jws.Payload).RootElement;
        Assert.Equal(IssuerId, payload.GetProperty("iss").GetString());
        Assert.Equal(1_743_465_600, payload.GetProperty("iat").GetInt64());
        Assert.Equal(1_743_465_600 + (365 * 86400), payload.GetProperty("exp").GetInt64());
        Assert.Equal("基本情報技術者試験", payload.GetProperty("credentialSubject").GetProperty("examName").GetString());
        Assert.Contains("基本情報技術者試験", Encoding.UTF8.GetString(jws.Payload.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueAsync_DidIssuerWithoutKid_Throws()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);

        await Assert.ThrowsAsync<ArgumentException>(() => new VcJwtIssuer(key, new VcJwtIssuerOptions { IncludeIssuerClaim = true }).IssueAsync(Certificate("did:example:issuer")).AsTask());
    }

    [Fact]
    public async Task IssueAsync_KidOnAnotherDid_Throws()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa, "did:example:other#key-1");

        await Assert.ThrowsAsync<ArgumentException>(() => new VcJwtIssuer(key).IssueAsync(Certificate("did:example:issuer")).AsTask());
    }

    [Fact]
    public async Task IssueAsync_RelativeKidWithoutIss_ThrowsAndWithIssSucceeds()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa, "#key-1");

        await Assert.ThrowsAsync<ArgumentException>(() => new VcJwtIssuer(key).IssueAsync(Certificate("did:example:issuer")).AsTask());
        var token = await new VcJwtIssuer(key, new VcJwtIssuerOptions { IncludeIssuerClaim = true }).IssueAsync(Certificate("did:example:issuer"));
        Assert.Equal("#key-1", Jws.ReadCompact(token).Value.KeyId);
    }

    [Fact]
    public async Task IssueAsync_UndeclaredExtensionMember_ThrowsUnlessDeclared()
    {
        var credential = W3cCredential.Read(Certificate().ToJson().Replace("\"validFrom\"", "\"validUnitl\":\"2035-01-01T00:00:00Z\",\"validFrom\"", StringComparison.Ordinal)).Value;

        await Assert.ThrowsAsync<ArgumentException>(() => new VcJwtIssuer(_key).IssueAsync(credential).AsTask());
        var declared = new VcJwtIssuerOptions { Issuance = new W3cIssuanceOptions { ExtensionMembers = ["validUnitl"] } };
        Assert.NotNull(await new VcJwtIssuer(_key, declared).IssueAsync(credential));
    }

    [Fact]
    public async Task IssueAsync_UndefinedTermsContext_AllowsUndeclaredMembers()
    {
        var json = JsonNode.Parse(Certificate().ToJson())!.AsObject();
        json["@context"] = new JsonArray(W3cContexts.CredentialsV2, W3cContexts.UndefinedTermsV2);
        json["favoriteFood"] = "すし";

        Assert.NotNull(await new VcJwtIssuer(_key).IssueAsync(W3cCredential.Read(json.ToJsonString()).Value));
    }

    [Theory]
    [InlineData("vc")]
    [InlineData("vp")]
    public async Task IssueAsync_CredentialWithVcOrVpMember_Throws(string member)
    {
        var json = JsonNode.Parse(Certificate().ToJson())!.AsObject();
        json[member] = new JsonObject();
        var credential = W3cCredential.Read(json.ToJsonString()).Value;
        var options = new VcJwtIssuerOptions { Issuance = new W3cIssuanceOptions { ExtensionMembers = [member] } };

        await Assert.ThrowsAsync<ArgumentException>(() => new VcJwtIssuer(_key, options).IssueAsync(credential).AsTask());
    }

    [Fact]
    public async Task IssueAsync_IssThatIsNotTheIssuer_Throws()
    {
        var json = JsonNode.Parse(Certificate().ToJson())!.AsObject();
        json["iss"] = "https://other.example";

        await Assert.ThrowsAsync<ArgumentException>(() => new VcJwtIssuer(_key).IssueAsync(W3cCredential.Read(json.ToJsonString()).Value).AsTask());
    }

    [Fact]
    public async Task IssueAsync_DateWithoutOffset_Throws()
    {
        var credential = W3cCredential.Read(Certificate().ToJson().Replace("2025-04-01T00:00:00+09:00", "2025-04-01T00:00:00", StringComparison.Ordinal)).Value;

        await Assert.ThrowsAsync<ArgumentException>(() => new VcJwtIssuer(_key).IssueAsync(credential).AsTask());
    }

    [Fact]
    public async Task IssueAsync_IatAlreadyPresentAndRequested_Throws()
    {
        var json = JsonNode.Parse(Certificate().ToJson())!.AsObject();
        json["iat"] = 1;

        await Assert.ThrowsAsync<ArgumentException>(() => new VcJwtIssuer(_key, new VcJwtIssuerOptions { IncludeIssuedAt = true }).IssueAsync(W3cCredential.Read(json.ToJsonString()).Value).AsTask());
    }

    [Fact]
    public void Constructor_InvalidOptions_Throw()
    {
        Assert.Throws<ArgumentException>(() => new VcJwtIssuer(_key, new VcJwtIssuerOptions { SignatureLifetime = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => new VcJwtIssuer(_key, new VcJwtIssuerOptions { TimeProvider = null! }));
    }
}
