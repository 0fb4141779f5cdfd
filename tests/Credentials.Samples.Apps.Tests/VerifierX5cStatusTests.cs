using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Credentials.Samples.Apps.Tests;

/// <summary>
/// <c>verifier verify --trust-x5c-root</c> alone on a credential issued with <c>issue --cert --status-list</c>: its
/// Status List Token (without <c>x5c</c>) is checked against the key of the credential's verified leaf certificate.
/// </summary>
public sealed class VerifierX5cStatusTests
{
    private const string IssuerUrl = "https://issuer.credentials.example.jp/ipa";
    private const string Audience = "https://shop.example.jp";
    private const string Nonce = "nonce-x5c-status-5";

    [Fact]
    public async Task Verify_X5cCredentialWithStatus_RootAloneVerifiesAndSeesRevocation()
    {
        using var bed = new AppTestBed();
        await using var server = await ServeStatusFileAsync(bed);
        var (presentation, index) = await IssueWithStatusAsync(bed, server.Url("/status/1").ToString());
        await PublishAsync(bed, server.Url("/status/1").ToString(), IssuerUrl);

        var valid = await VerifyAsync(bed, presentation);

        Assert.True(valid.ExitCode == 0, valid.ToString());
        Assert.NotNull((string?)valid.Json["status"]);

        var revoke = await bed.IssuerAsync("status", "revoke", "--db", bed.PathOf("status.db"), "--uri", server.Url("/status/1").ToString(), "--index", index.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        await PublishAsync(bed, server.Url("/status/1").ToString(), IssuerUrl);

        var revoked = await VerifyAsync(bed, presentation);

        Assert.Equal(ExitCodes.Failure, revoked.ExitCode);
        Assert.Equal("status.revoked", revoked.ErrorCode);
    }

    [Fact]
    public async Task Verify_StatusTokenOfAnotherIssuer_NotCheckedAgainstTheLeaf()
    {
        using var bed = new AppTestBed();
        await using var server = await ServeStatusFileAsync(bed);
        var (presentation, _) = await IssueWithStatusAsync(bed, server.Url("/status/1").ToString());
        await PublishAsync(bed, server.Url("/status/1").ToString(), "https://other.example.jp");

        var run = await VerifyAsync(bed, presentation);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal("status.untrusted_signer", run.ErrorCode);
    }

    [Fact]
    public async Task Verify_StatusTokenSignedByAnotherKey_InvalidSignature()
    {
        using var bed = new AppTestBed();
        await using var server = await ServeStatusFileAsync(bed);
        var (presentation, _) = await IssueWithStatusAsync(bed, server.Url("/status/1").ToString());
        var other = await bed.IssuerAsync("keys", "create", "--out", bed.PathOf("other.jwk"));
        Assert.True(other.ExitCode == 0, other.ToString());
        var publish = await bed.IssuerAsync("status", "publish", "--db", bed.PathOf("status.db"), "--uri", server.Url("/status/1").ToString(), "--key", bed.PathOf("other.jwk"), "--issuer", IssuerUrl, "--out", bed.PathOf("status.jwt"), "--force", "--json");
        Assert.True(publish.ExitCode == 0, publish.ToString());

        var run = await VerifyAsync(bed, presentation);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal("status.invalid_signature", run.ErrorCode);
    }

    [Fact]
    public async Task Verify_ForgedCredentialWithValidChainFirst_LaterValidCredentialStatusStillChecked()
    {
        using var bed = new AppTestBed();
        await using var server = await ServeStatusFileAsync(bed);
        var (presentationPath, _) = await IssueWithStatusAsync(bed, server.Url("/status/1").ToString());
        await PublishAsync(bed, server.Url("/status/1").ToString(), IssuerUrl);
        var presentation = File.ReadAllText(presentationPath).Trim();

        // The same issuer JWT (valid x5c chain, iss, status URI) with one byte of its signature changed.
        var parts = presentation.Split('~');
        var jws = parts[0].Split('.');
        var signature = System.Buffers.Text.Base64Url.DecodeFromChars(jws[2]);
        signature[0] ^= 0x01;
        parts[0] = string.Join('.', jws[0], jws[1], System.Buffers.Text.Base64Url.EncodeToString(signature));
        var forged = string.Join('~', parts);

        using var trust = Credentials.Samples.Verifier.X5cTrust.Load([RootOf(bed)], null, TimeProvider.System, allowLocalNetwork: true);
        var verifier = new Credentials.SdJwtVc.SdJwtVcVerifier(
            trust.KeyResolver,
            trust.CreateStatusResolver(TimeProvider.System),
            options: new Credentials.SdJwtVc.SdJwtVcVerifierOptions { TimeProvider = TimeProvider.System });
        var policy = new Credentials.SdJwtVc.SdJwtVcPolicy { KeyBinding = KeyBindingRequirement.Required(Audience, Nonce), Status = StatusCheck.Required };

        for (var i = 0; i < 3; i++)
        {
            using (trust.BeginVerification())
            {
                var refused = await verifier.VerifyAsync(forged, policy);
                Assert.False(refused.IsValid);
                Assert.Equal(CheckOutcome.Failed, refused.OutcomeOf(Credentials.SdJwtVc.CheckKind.Signature));
            }
        }

        using (trust.BeginVerification())
        {
            var valid = await verifier.VerifyAsync(presentation, policy);
            Assert.True(valid.IsValid, valid.IsValid ? null : valid.Error.Code.ToString());
            Assert.Equal(CheckOutcome.Passed, valid.OutcomeOf(Credentials.SdJwtVc.CheckKind.Status));
        }

        // Outside a verification's record no leaf key is remembered: the token (without x5c) goes to the roots and is refused.
        var fresh = new Credentials.SdJwtVc.SdJwtVcVerifier(
            trust.KeyResolver,
            trust.CreateStatusResolver(TimeProvider.System),
            options: new Credentials.SdJwtVc.SdJwtVcVerifierOptions { TimeProvider = TimeProvider.System });
        var unscoped = await fresh.VerifyAsync(presentation, policy);
        Assert.False(unscoped.IsValid);
        Assert.Equal(CheckOutcome.Failed, unscoped.OutcomeOf(Credentials.SdJwtVc.CheckKind.Status));
    }

    private static Task<AppRun> VerifyAsync(AppTestBed bed, string presentation)
        => bed.VerifierAsync("verify", "-p", presentation, "--trust-x5c-root", RootOf(bed), "--aud", Audience, "--nonce", Nonce, "--allow-local-network", "--require-status", "--json");

    /// <summary>Serves the file status.jwt (read at each request) at /status/1.</summary>
    private static Task<LoopbackServer> ServeStatusFileAsync(AppTestBed bed)
        => LoopbackServer.StartAsync(app => app.MapGet("/status/1", () => Results.Text(File.ReadAllText(bed.PathOf("status.jwt")), "application/statuslist+jwt")));

    private static async Task PublishAsync(AppTestBed bed, string uri, string issuer)
    {
        var publish = await bed.IssuerAsync("status", "publish", "--db", bed.PathOf("status.db"), "--uri", uri, "--key", bed.PathOf("issuer.jwk"), "--issuer", issuer, "--out", bed.PathOf("status.jwt"), "--force", "--json");
        Assert.True(publish.ExitCode == 0, publish.ToString());
    }

    /// <summary>keys create --cert-out, issue --cert --status-list, and a presentation of every claim.</summary>
    private static async Task<(string Presentation, long Index)> IssueWithStatusAsync(AppTestBed bed, string statusUri)
    {
        var created = await bed.IssuerAsync("keys", "create", "--out", bed.PathOf("issuer.jwk"), "--cert-out", bed.PathOf("issuer.chain.pem"), "--issuer", IssuerUrl);
        Assert.True(created.ExitCode == 0, created.ToString());
        var holder = await bed.IssuerAsync("keys", "create", "--out", bed.PathOf("holder.jwk"), "--public-out", bed.PathOf("holder.pub.jwk"));
        Assert.True(holder.ExitCode == 0, holder.ToString());
        var claims = Path.Combine(AppContext.BaseDirectory, "sample-data", "age.json");
        var issued = await bed.IssuerAsync("issue", "--key", bed.PathOf("issuer.jwk"), "--issuer", IssuerUrl, "--cert", bed.PathOf("issuer.chain.pem"), "--type", "age", "--claims", claims, "--holder-key", bed.PathOf("holder.pub.jwk"), "--status-list", bed.PathOf("status.db"), "--status-uri", statusUri, "--out", bed.PathOf("age.sd-jwt"), "--json");
        Assert.True(issued.ExitCode == 0, issued.ToString());
        var index = (long)issued.Json["status"]!["idx"]!;

        using var holderKey = SigningKey.FromJwk(Jwk.Parse(File.ReadAllText(bed.PathOf("holder.jwk"))));
        var sdJwt = SdJwtToken.Read(File.ReadAllText(bed.PathOf("age.sd-jwt")).Trim()).Value;
        var sdHolder = new SdJwtHolder();
        var paths = sdHolder.GetDisclosableClaims(sdJwt).Value.Select(c => c.Path).ToArray();
        var presentation = (await sdHolder.PresentAsync(sdJwt, paths, new KeyBindingInput(Audience, Nonce), holderKey)).Value.Serialize();
        return (bed.Write("presentation.txt", presentation), index);
    }

    /// <summary>The sample root CA: the last certificate of the chain, alone in a PEM file.</summary>
    private static string RootOf(AppTestBed bed)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(File.ReadAllText(bed.PathOf("issuer.chain.pem")));
        var path = bed.PathOf("issuer.root.pem");
        File.WriteAllText(path, certificates[^1].ExportCertificatePem());
        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }

        return path;
    }
}
