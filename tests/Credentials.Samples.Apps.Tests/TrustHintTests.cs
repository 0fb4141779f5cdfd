using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Samples.Common;
using Xunit;

namespace Credentials.Samples.Apps.Tests;

/// <summary>
/// The hint follows the error: a credential changed after it was signed, an issuer the user does not trust, and a
/// --trust that names the wrong key are three different situations with three different hints.
/// </summary>
public sealed class TrustHintTests
{
    [Fact]
    public void Hints_AreThreeDifferentMessages()
        => Assert.Equal(3, new[] { TrustHints.Altered, TrustHints.Untrusted, TrustHints.WrongTrustKey }.Distinct().Count());

    [Fact]
    public async Task Import_OneSignatureCharacterFlipped_HintSaysTheCredentialWasChanged()
    {
        using var bed = new AppTestBed();
        using var issuer = SigningKey.Create(JwsAlgorithm.Es256, "issuer-2026");
        var trust = bed.Write("issuer-kid.pub.jwk", issuer.PublicJwk.ToJson());
        var credential = Flip(await bed.IssueAgeCredentialAsync(await bed.CreateWalletWithKeyAsync(), signer: issuer));

        var run = await bed.HolderAsync("import", "--wallet", bed.WalletPath, "--trust", trust, credential, "--json");

        Assert.Equal("jose.invalid_signature", run.ErrorCode);
        Assert.Equal(TrustHints.Altered, Hint(run));
    }

    [Fact]
    public async Task Import_TrustAnchorOfAnotherKeyType_HintSaysTheTrustKeyIsWrong()
    {
        using var bed = new AppTestBed();
        using var ed25519 = SigningKey.Create(JwsAlgorithm.EdDsa);
        var trust = bed.Write("ed25519.pub.jwk", ed25519.PublicJwk.ToJson());
        var credential = await bed.IssueAgeCredentialAsync(await bed.CreateWalletWithKeyAsync());

        var run = await bed.HolderAsync("import", "--wallet", bed.WalletPath, "--trust", trust, credential, "--json");

        Assert.Equal(JoseErrors.KeyAlgorithmMismatch.Value, run.ErrorCode);
        Assert.Equal(TrustHints.WrongTrustKey, Hint(run));
    }

    [Fact]
    public async Task Import_SignedByAnotherKeyThanTrust_HintSaysTheTrustKeyIsWrong()
    {
        using var bed = new AppTestBed();
        using var other = SigningKey.Create(JwsAlgorithm.Es256, "another-issuer-key");
        var credential = await bed.IssueAgeCredentialAsync(await bed.CreateWalletWithKeyAsync(), signer: other);

        var run = await bed.HolderAsync("import", "--wallet", bed.WalletPath, "--trust", bed.IssuerPublicJwkPath, credential, "--json");

        Assert.Equal("jose.invalid_signature", run.ErrorCode);
        Assert.Equal(TrustHints.WrongTrustKey, Hint(run));
    }

    [Fact]
    public async Task Import_IssuerNotOnTheTrustList_HintSaysTheIssuerIsNotTrusted()
    {
        using var bed = new AppTestBed();
        var credential = await bed.IssueAgeCredentialAsync(await bed.CreateWalletWithKeyAsync());
        var trustList = bed.Write("trust.json", new JsonObject
        {
            ["issuers"] = new JsonArray(new JsonObject
            {
                ["issuer"] = "https://someone-else.example.jp",
                ["keys"] = new JsonArray(JsonNode.Parse(bed.IssuerKey.PublicJwk.ToJson())),
                ["credential_types"] = new JsonArray("*"),
            }),
        }.ToJsonString());

        var run = await bed.HolderAsync("import", "--wallet", bed.WalletPath, "--trust", trustList, credential, "--json");

        Assert.Equal("trust.untrusted_issuer", run.ErrorCode);
        Assert.Equal(TrustHints.Untrusted, Hint(run));
    }

    [Fact]
    public async Task Verify_OneSignatureCharacterFlipped_HintSaysThePresentationWasChanged()
    {
        using var bed = new AppTestBed();
        using var issuer = SigningKey.Create(JwsAlgorithm.Es256, "issuer-2026");
        var trust = bed.Write("issuer-kid.pub.jwk", issuer.PublicJwk.ToJson());
        var credential = Flip(await bed.IssueAgeCredentialAsync(await bed.CreateWalletWithKeyAsync(), signer: issuer));

        var run = await bed.VerifierAsync("verify", "--presentation", credential, "--trust", trust, "--json");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal("jose.invalid_signature", (string?)run.Json["error"]!["code"]);
        Assert.Equal(TrustHints.Altered, (string?)run.Json["hint"]);
    }

    private static string? Hint(AppRun run) => (string?)run.Json["error"]!["hint"];

    // Changes one character in the middle of the issuer's signature (the third part of the issuer-signed JWT).
    private static string Flip(string path)
    {
        var text = File.ReadAllText(path).Trim();
        var jwt = text.Split('~')[0];
        var signatureStart = jwt.LastIndexOf('.') + 1;
        var at = signatureStart + ((jwt.Length - signatureStart) / 2);
        var flipped = jwt[..at] + (jwt[at] == 'A' ? 'B' : 'A') + jwt[(at + 1)..];
        File.WriteAllText(path, flipped + text[jwt.Length..]);
        return path;
    }
}
