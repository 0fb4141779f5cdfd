using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Xunit;

namespace Credentials.Tests.SdJwt.Issuance;

/// <summary>RFC 9901 sections 4.1, 4.2 and 9.3: what the issuer writes.</summary>
public sealed class SdJwtIssuerTests
{
    [Fact]
    public async Task IssueAsync_TenThousandDisclosures_SaltsAre128BitAndUnique()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var payload = SdJwtPayload.Create();
        for (var i = 0; i < 10_000; i++)
        {
            payload.Disclosable("c" + i, i);
        }

        var issued = await new SdJwtIssuer(key, options: new SdJwtIssuerOptions()).IssueAsync(payload);

        Assert.Equal(10_000, issued.Disclosures.Length);
        Assert.All(issued.Disclosures, d =>
        {
            Assert.Equal(22, d.Salt.Length);
            Assert.Equal(16, Base64Url.DecodeFromChars(d.Salt).Length);
        });
        Assert.Equal(10_000, issued.Disclosures.Select(d => d.Salt).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task IssueAsync_SameClaimNameAtDifferentPlaces_GetsDifferentSalts()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var payload = SdJwtPayload.Create()
            .Disclosable("type", "a")
            .Object("x", o => o.Disclosable("type", "a"))
            .Array("list", a => a.DisclosableElement("a").DisclosableElement("a"));

        var issued = await new SdJwtIssuer(key, options: new SdJwtIssuerOptions()).IssueAsync(payload);

        Assert.Equal(4, issued.Disclosures.Select(d => d.Salt).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(4, issued.Disclosures.Select(d => d.ComputeDigest(SdHashAlgorithm.Sha256)).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task IssueAsync_SdDigests_AreSortedAtEveryLevel()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var payload = SdJwtPayload.Create()
            .Disclosable("z", 1).Disclosable("a", 2).Disclosable("m", 3).Decoys(5)
            .Object("nested", o => o.Disclosable("q", 1).Disclosable("b", 2).Decoys(3));

        var issued = await new SdJwtIssuer(key, options: new SdJwtIssuerOptions()).IssueAsync(payload);
        var claims = PayloadOf(issued);

        foreach (var sd in new[] { claims.GetProperty("_sd"), claims.GetProperty("nested").GetProperty("_sd") })
        {
            var digests = sd.EnumerateArray().Select(e => e.GetString()!).ToArray();
            Assert.Equal(digests.Order(StringComparer.Ordinal), digests);
        }

        Assert.Equal(8, claims.GetProperty("_sd").GetArrayLength());
        Assert.Equal(5, claims.GetProperty("nested").GetProperty("_sd").GetArrayLength());
    }

    [Theory]
    [InlineData("sha-256")]
    [InlineData("sha-384")]
    [InlineData("sha-512")]
    public async Task IssueAsync_Decoys_HaveTheLengthOfRealDigestsAndMatchNoDisclosure(string name)
    {
        SdHashAlgorithm.TryGet(name, out var algorithm);
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var payload = SdJwtPayload.Create()
            .Disclosable("a", 1).Decoys(4)
            .Array("list", a => a.DisclosableElement(1).Element(2).Decoys(3));

        var issued = await new SdJwtIssuer(key, options: new SdJwtIssuerOptions { HashAlgorithm = algorithm! }).IssueAsync(payload);
        var claims = PayloadOf(issued);

        var real = issued.Disclosures.Select(d => d.ComputeDigest(algorithm!)).ToHashSet(StringComparer.Ordinal);
        var all = claims.GetProperty("_sd").EnumerateArray().Select(e => e.GetString()!)
            .Concat(claims.GetProperty("list").EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(e => e.GetProperty("...").GetString()!))
            .ToArray();
        var expectedLength = Base64Url.GetEncodedLength(algorithm!.HashSize);

        Assert.Equal(5 + 4, all.Length);
        Assert.All(all, d => Assert.Equal(expectedLength, d.Length));
        Assert.Equal(7, all.Count(d => !real.Contains(d)));
        Assert.Equal(5, claims.GetProperty("list").GetArrayLength());
        Assert.Equal(name, claims.GetProperty("_sd_alg").GetString());
    }

    [Theory]
    [InlineData("_sd")]
    [InlineData("...")]
    [InlineData("_sd_alg")]
    public void Builder_ReservedClaimName_Throws(string name)
    {
        Assert.Throws<ArgumentException>(() => SdJwtPayload.Create().Claim(name, 1));
        Assert.Throws<ArgumentException>(() => SdJwtPayload.Create().Disclosable(name, 1));
        Assert.Throws<ArgumentException>(() => SdJwtPayload.Create().Object(name, _ => { }));
        Assert.Throws<ArgumentException>(() => SdJwtPayload.Create().Object("o", o => o.Disclosable(name, 1)));
    }

    [Theory]
    [InlineData("_sd")]
    [InlineData("...")]
    public void ForProperty_ReservedClaimName_Throws(string name)
    {
        using var doc = JsonDocument.Parse("1");

        Assert.Throws<ArgumentException>(() => Disclosure.ForProperty("salt", name, doc.RootElement));
    }

    [Fact]
    public void Builder_SameNameTwice_Throws()
    {
        Assert.Throws<ArgumentException>(() => SdJwtPayload.Create().Claim("a", 1).Disclosable("a", 2));
    }

    [Fact]
    public async Task IssueAsync_HolderPrivateKey_Throws()
    {
        using var issuerKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        using var holderKey = SigningKey.Create(JwsAlgorithm.Es256);
        var issuer = new SdJwtIssuer(issuerKey, options: new SdJwtIssuerOptions());

        await Assert.ThrowsAsync<ArgumentException>(async () => await issuer.IssueAsync(SdJwtPayload.Create().Claim("a", 1), holderKey.ExportPrivateJwk()));
    }

    [Fact]
    public async Task IssueAsync_HolderKeyAndCnfInPayload_Throws()
    {
        using var issuerKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        using var holderKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issuer = new SdJwtIssuer(issuerKey, options: new SdJwtIssuerOptions());

        await Assert.ThrowsAsync<ArgumentException>(async () => await issuer.IssueAsync(SdJwtPayload.Create().Claim("cnf", new JsonObject()), holderKey.PublicJwk));
    }

    [Fact]
    public async Task IssueAsync_HolderKey_IsWrittenAsPlaintextCnfJwk()
    {
        using var issuerKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        using var holderKey = SigningKey.Create(JwsAlgorithm.Es256, keyId: "h1");

        var issued = await new SdJwtIssuer(issuerKey, options: new SdJwtIssuerOptions()).IssueAsync(SdJwtPayload.Create().Disclosable("a", 1), holderKey.PublicJwk);
        var cnf = PayloadOf(issued).GetProperty("cnf").GetProperty("jwk");

        Assert.Equal(holderKey.PublicJwk, Jwk.Read(cnf).Value);
        Assert.DoesNotContain(issued.Disclosures, d => d.ClaimName == "cnf");
    }

    [Fact]
    public async Task IssueAsync_JapaneseValuesAndNames_AreWrittenAsUtf8NotEscapes()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var payload = SdJwtPayload.Create()
            .Claim("発行者", "デジタル庁")
            .Disclosable("family_name", "山田")
            .Disclosable("氏名", "山田 太郎")
            .Array("国籍", a => a.DisclosableElement("日本"));

        var issued = await new SdJwtIssuer(key, options: new SdJwtIssuerOptions()).IssueAsync(payload);

        var texts = issued.Disclosures.Select(d => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(d.Encoded))).ToArray();
        Assert.Contains(texts, t => t.Contains("\"family_name\",\"山田\"", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("\"氏名\",\"山田 太郎\"", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.EndsWith(",\"日本\"]", StringComparison.Ordinal));
        Assert.All(texts, t => Assert.DoesNotContain("\\u", t, StringComparison.Ordinal));
        var payloadText = Encoding.UTF8.GetString(Jws.ReadCompact(issued.IssuerSignedJwt).Value.Payload.Span);
        Assert.Contains("\"発行者\":\"デジタル庁\"", payloadText, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", payloadText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueAsync_DisclosureFormat_IsSaltNameValueWithoutWhitespace()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);

        var issued = await new SdJwtIssuer(key, options: new SdJwtIssuerOptions()).IssueAsync(
            SdJwtPayload.Create().Disclosable("a", new JsonObject { ["b"] = new JsonArray(1, "x+y<z") }).Array("l", l => l.DisclosableElement(true)));

        var property = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(issued.Disclosures.Single(d => d.ClaimName == "a").Encoded));
        var element = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(issued.Disclosures.Single(d => d.IsArrayElement).Encoded));
        var salt = issued.Disclosures.Single(d => d.ClaimName == "a").Salt;
        Assert.Equal("[\"" + salt + "\",\"a\",{\"b\":[1,\"x+y<z\"]}]", property);
        Assert.EndsWith("\",true]", element, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueAsync_RecursiveObject_NestsDigestsInsideTheParentDisclosure()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);

        var issued = await new SdJwtIssuer(key, options: new SdJwtIssuerOptions()).IssueAsync(
            SdJwtPayload.Create().Object("address", a => a.Disclosable("country", "DE").Disclosable("locality", "Berlin"), disclosable: true));

        var address = issued.Disclosures.Single(d => d.ClaimName == "address");
        var nestedDigests = address.Value.GetProperty("_sd").EnumerateArray().Select(e => e.GetString()).ToHashSet();
        Assert.Equal(3, issued.Disclosures.Length);
        Assert.Contains(issued.Disclosures.Single(d => d.ClaimName == "country").ComputeDigest(SdHashAlgorithm.Sha256), nestedDigests);
        Assert.Contains(issued.Disclosures.Single(d => d.ClaimName == "locality").ComputeDigest(SdHashAlgorithm.Sha256), nestedDigests);
        Assert.False(PayloadOf(issued).TryGetProperty("address", out _));
    }

    [Fact]
    public async Task IssueAsync_InjectedSaltGenerator_IsUsedForEveryDisclosure()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var salts = new Queue<string>(["_26bc4LT-ac6q2KI6cBW5es", "lklxF5jMYlGTPUovMNIvCA"]);

        var issued = await new SdJwtIssuer(key, options: new SdJwtIssuerOptions { SaltGenerator = new QueueSalts(salts) }).IssueAsync(
            SdJwtPayload.Create().Disclosable("family_name", "Möbius").Array("nationalities", n => n.Element("DE").DisclosableElement("FR").Element("US")));

        // RFC 9901 section 4.2.1 and 4.2.2 contents, in our compact JSON form.
        Assert.Equal("[\"_26bc4LT-ac6q2KI6cBW5es\",\"family_name\",\"Möbius\"]", Encoding.UTF8.GetString(Base64Url.DecodeFromChars(issued.Disclosures[0].Encoded)));
        Assert.Equal("WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsImZhbWlseV9uYW1lIiwiTcO2Yml1cyJd", issued.Disclosures[0].Encoded);
        Assert.Equal("[\"lklxF5jMYlGTPUovMNIvCA\",\"FR\"]", Encoding.UTF8.GetString(Base64Url.DecodeFromChars(issued.Disclosures[1].Encoded)));
        Assert.Empty(salts);
    }

    [Fact]
    public async Task IssueAsync_TypAndKid_AreInTheProtectedHeader()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256, keyId: "issuer-key-1");

        var issued = await new SdJwtIssuer(key, options: new SdJwtIssuerOptions { Type = "example+sd-jwt" }).IssueAsync(SdJwtPayload.Create().Claim("a", 1));
        var jws = Jws.ReadCompact(issued.IssuerSignedJwt).Value;

        Assert.Equal("example+sd-jwt", jws.Type);
        Assert.Equal("issuer-key-1", jws.KeyId);
        Assert.EndsWith("~", issued.Serialize(), StringComparison.Ordinal);
        Assert.Null(issued.KeyBindingJwt);
    }

    private static JsonElement PayloadOf(Credentials.SdJwt.SdJwtToken issued)
        => Jws.ReadCompact(issued.IssuerSignedJwt).Value.ParsePayload().Value;

    private sealed class QueueSalts(Queue<string> salts) : ISaltGenerator
    {
        public string NewSalt() => salts.Dequeue();
    }
}
