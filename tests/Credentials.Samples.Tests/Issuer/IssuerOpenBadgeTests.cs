using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.W3c;
using Credentials.Testing;
using Credentials.W3c.BitstringStatus;
using Credentials.W3c.OpenBadges;
using Xunit;

namespace Credentials.Samples.Tests.Issuer;

/// <summary><c>issuer issue --format ob3-di</c>, the badges' Bitstring Status List and its status commands.</summary>
public sealed class IssuerOpenBadgeTests : IssuerTestBase
{
    private const string BadgeList = "https://badges.example.jp/status/badges";

    [Theory]
    [InlineData("dss-skill", "EdDSA", "eddsa-rdfc-2022")]
    [InlineData("ipa-exam", "ES256", "ecdsa-rdfc-2019")]
    public async Task IssueOb3Di_AwardType_VerifiesAsAnOpenBadge(string type, string alg, string suite)
    {
        var key = await CreateKeyAsync("badge", alg);
        var run = await RunOkAsync("issue", "--key", key, "--type", type, "--format", "ob3-di", "--claims", SampleClaims(type), "--out", PathOf("badge.json"), "--json");

        Assert.Equal(suite, run.Json.GetProperty("cryptosuite").GetString());
        var result = await VerifyAsync(File.ReadAllText(PathOf("badge.json")), statusLists: null);
        Assert.True(result.IsValid, result.IsValid ? null : result.Error.Code.Value);
        Assert.True(result.Value.Credential.HasType("OpenBadgeCredential"));
        Assert.Equal(run.Json.GetProperty("issuer").GetString(), result.Value.Issuer);
        Assert.True(result.Value.Credential.CredentialStatus.IsDefaultOrEmpty);
    }

    [Theory]
    [InlineData("EdDSA")]
    [InlineData("ES256")]
    public async Task IssueOb3Jwt_AwardType_VerifiesAsAnOpenBadgeJwt(string alg)
    {
        var key = await CreateKeyAsync("badge", alg);
        var run = await RunOkAsync("issue", "--key", key, "--type", "dss-skill", "--format", "ob3-jwt", "--claims", SampleClaims("dss-skill"), "--out", PathOf("badge.jwt"), "--json");

        var jwt = File.ReadAllText(PathOf("badge.jwt")).Trim();
        Assert.Equal(2, jwt.Split('.').Length - 1);
        var verifier = new OpenBadgeVerifier(DidResolver.CreateDefault(), new OpenBadgeVerifierOptions { Credential = new W3cCredentialVerifierOptions { TimeProvider = Clock, OpenBadgeJwt = OpenBadgeJwtVerifierOptions.Default with { TimeProvider = Clock } } });
        var result = await verifier.VerifyTextAsync(jwt);
        Assert.True(result.IsValid, result.IsValid ? null : result.Error.Code.Value + " " + result.Error.Message);
        Assert.Equal(OpenBadgeVerifierFormat.CompactJws, result.Format);
        Assert.Equal(run.Json.GetProperty("issuer").GetString(), result.Value.Issuer);
    }

    [Fact]
    public async Task IssueOb3Di_NotAnAward_RefusedWithNotABadgeType()
    {
        var key = await CreateKeyAsync("badge", "EdDSA");
        var run = await RunAsync("issue", "--key", key, "--type", "age", "--format", "ob3-di", "--claims", SampleClaims("age"), "--out", PathOf("badge.json"), "--json");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal("issuer.not_a_badge_type", run.ErrorCode);
        Assert.False(File.Exists(PathOf("badge.json")));
    }

    [Fact]
    public async Task IssueOb3Di_HttpsIssuer_RefusedBecauseTheProofNeedsADid()
    {
        var key = await CreateKeyAsync("badge", "EdDSA");
        var run = await RunAsync("issue", "--key", key, "--issuer", "https://badges.example.jp", "--type", "dss-skill", "--format", "ob3-di", "--claims", SampleClaims("dss-skill"), "--out", PathOf("badge.json"), "--json");

        Assert.NotEqual(0, run.ExitCode);
        Assert.False(File.Exists(PathOf("badge.json")));
    }

    [Fact]
    public async Task IssueOb3Di_HolderKey_SubjectIsTheHoldersDidJwk()
    {
        var key = await CreateKeyAsync("badge", "EdDSA");
        await CreateKeyAsync("holder");
        await RunOkAsync("issue", "--key", key, "--type", "dss-skill", "--format", "ob3-di", "--claims", SampleClaims("dss-skill"), "--holder-key", PathOf("holder.pub.jwk"), "--out", PathOf("badge.json"));

        using var badge = JsonDocument.Parse(File.ReadAllText(PathOf("badge.json")));
        var subject = badge.RootElement.GetProperty("credentialSubject");
        Assert.StartsWith("did:jwk:", subject.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.False(subject.TryGetProperty("identifier", out _));
    }

    [Fact]
    public async Task StatusList_BadgeRevoked_PublishedListMakesVerificationFailWithStatusRevoked()
    {
        var key = await CreateKeyAsync("badge", "EdDSA");
        var db = PathOf("status.db");
        var issued = await RunOkAsync("issue", "--key", key, "--type", "dss-skill", "--format", "ob3-di", "--claims", SampleClaims("dss-skill"), "--status-list", db, "--status-uri", BadgeList, "--out", PathOf("badge.json"), "--json");
        var index = long.Parse(issued.Json.GetProperty("status").GetProperty("statusListIndex").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var badge = File.ReadAllText(PathOf("badge.json"));

        await RunOkAsync("status", "publish", "--db", db, "--uri", BadgeList, "--key", key, "--out", PathOf("list.json"));
        var before = await VerifyAsync(badge, File.ReadAllText(PathOf("list.json")));
        Assert.True(before.IsValid, before.IsValid ? null : before.Error.Code.Value);

        var revoked = await RunOkAsync("status", "revoke", "--db", db, "--uri", BadgeList, "--index", index.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        Assert.Equal("revoked", revoked.Json.GetProperty("status").GetString());
        await RunOkAsync("status", "publish", "--db", db, "--uri", BadgeList, "--key", key, "--out", PathOf("list.json"), "--force");
        var after = await VerifyAsync(badge, File.ReadAllText(PathOf("list.json")));

        Assert.False(after.IsValid);
        Assert.Equal("status.revoked", after.Error.Code.Value);
    }

    [Fact]
    public async Task StatusList_BadgeList_CannotBeSuspended()
    {
        var key = await CreateKeyAsync("badge", "EdDSA");
        var db = PathOf("status.db");
        var issued = await RunOkAsync("issue", "--key", key, "--type", "ipa-exam", "--format", "ob3-di", "--claims", SampleClaims("ipa-exam"), "--status-list", db, "--status-uri", BadgeList, "--out", PathOf("badge.json"), "--json");
        var index = issued.Json.GetProperty("status").GetProperty("statusListIndex").GetString()!;

        var run = await RunAsync("status", "suspend", "--db", db, "--uri", BadgeList, "--index", index, "--json");

        Assert.Equal("issuer.status_change_refused", run.ErrorCode);
    }

    [Fact]
    public async Task StatusList_SameUriForSdJwtVcAndBadge_RefusedWithKindMismatch()
    {
        var key = await CreateKeyAsync("badge", "EdDSA");
        var db = PathOf("status.db");
        await RunOkAsync("issue", "--key", key, "--type", "dss-skill", "--format", "ob3-di", "--claims", SampleClaims("dss-skill"), "--status-list", db, "--status-uri", BadgeList, "--out", PathOf("badge.json"));

        var run = await RunAsync("issue", "--key", key, "--type", "dss-skill", "--claims", SampleClaims("dss-skill"), "--status-list", db, "--status-uri", BadgeList, "--out", PathOf("badge.sdjwt"), "--json");

        Assert.Equal("issuer.status_list_kind_mismatch", run.ErrorCode);
    }

    [Theory]
    [InlineData("badge.png")]
    [InlineData("badge.svg")]
    public async Task Bake_IssuedBadge_ImageCarriesTheVerifiableCredential(string image)
    {
        var key = await CreateKeyAsync("badge", "EdDSA");
        await RunOkAsync("issue", "--key", key, "--type", "ipa-exam", "--format", "ob3-di", "--claims", SampleClaims("ipa-exam"), "--out", PathOf("badge.json"));
        var output = PathOf("baked-" + image);

        var run = await RunOkAsync("bake", "--credential", PathOf("badge.json"), "--image", SampleImage(image), "--out", output, "--json");

        Assert.Equal(Path.GetExtension(image).TrimStart('.'), run.Json.GetProperty("image").GetString());
        var verifier = new OpenBadgeVerifier(DidResolver.CreateDefault(), new OpenBadgeVerifierOptions { Credential = new W3cCredentialVerifierOptions { TimeProvider = Clock } });
        var result = await verifier.VerifyAsync(File.ReadAllBytes(output));
        Assert.True(result.IsValid, result.IsValid ? null : result.Error.Code.Value);
        Assert.Equal(image.EndsWith(".png", StringComparison.Ordinal) ? OpenBadgeVerifierFormat.BakedPng : OpenBadgeVerifierFormat.BakedSvg, result.Format);
    }

    [Fact]
    public async Task Bake_NotABadge_RefusedAndNothingWritten()
    {
        File.WriteAllText(PathOf("note.txt"), "not a badge");

        var run = await RunAsync("bake", "--credential", PathOf("note.txt"), "--image", SampleImage("badge.png"), "--out", PathOf("out.png"), "--json");

        Assert.Equal("issuer.not_a_badge", run.ErrorCode);
        Assert.False(File.Exists(PathOf("out.png")));
    }

    [Fact]
    public async Task Bake_ImageNeitherPngNorSvg_RefusedWithBakeCode()
    {
        var key = await CreateKeyAsync("badge", "EdDSA");
        await RunOkAsync("issue", "--key", key, "--type", "ipa-exam", "--format", "ob3-di", "--claims", SampleClaims("ipa-exam"), "--out", PathOf("badge.json"));
        File.WriteAllBytes(PathOf("picture.gif"), "GIF89a"u8.ToArray());

        var run = await RunAsync("bake", "--credential", PathOf("badge.json"), "--image", PathOf("picture.gif"), "--out", PathOf("out.gif"), "--json");

        Assert.StartsWith("bake.", run.ErrorCode, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("out.gif")));
    }

    private static string SampleImage(string name) => Path.Combine(RepositoryRoot.Path, "samples", "Issuer", "SampleData", name);

    private async Task<W3cVerificationResult> VerifyAsync(string badge, string? statusLists)
    {
        var dids = DidResolver.CreateDefault();
        var options = new W3cCredentialVerifierOptions { TimeProvider = Clock, Status = statusLists is null ? StatusCheck.Skip : StatusCheck.Required };
        var resolver = statusLists is null ? null : new PublishedList(new W3cCredentialVerifier(dids, options with { Status = StatusCheck.Skip }), statusLists);
        return await new W3cCredentialVerifier(dids, options, resolver).VerifyAsync(badge);
    }

    /// <summary>Serves one published list, verified like the HTTP resolver verifies it.</summary>
    private sealed class PublishedList(W3cCredentialVerifier verifier, string published) : IBitstringStatusListResolver
    {
        public async ValueTask<VerificationResult<BitstringStatusListCredential>> ResolveAsync(Uri statusListCredential, CancellationToken cancellationToken = default)
        {
            var verified = await verifier.VerifyAsync(published, cancellationToken);
            return verified.IsValid ? BitstringStatusListCredential.Read(verified.Value) : verified.Error;
        }
    }
}
