using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.SdJwt;
using Xunit;

namespace Credentials.Samples.Apps.Tests;

/// <summary><c>verifier verify --trust-x5c-root</c>: SD-JWT VCs issued with <c>issuer issue --cert</c> (x5c) verify against the issuer CA's root.</summary>
public sealed class VerifierX5cTrustTests
{
    private const string IssuerUrl = "https://issuer.credentials.example.jp/ipa";
    private const string Audience = "https://shop.example.jp";
    private const string Nonce = "nonce-x5c-71";

    [Fact]
    public async Task Verify_X5cCredentialWithItsRoot_Verified()
    {
        using var bed = new AppTestBed();
        var presentation = await IssueWithCertificateAsync(bed, "issuer");

        var run = await bed.VerifierAsync("verify", "-p", presentation, "--trust-x5c-root", RootOf(bed, "issuer"), "--aud", Audience, "--nonce", Nonce, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(IssuerUrl, (string?)run.Json["issuer"]);
    }

    [Fact]
    public async Task Verify_X5cCredentialAgainstAnotherRoot_InvalidChainWithHint()
    {
        using var bed = new AppTestBed();
        var presentation = await IssueWithCertificateAsync(bed, "issuer");
        await CreateCertifiedKeyAsync(bed, "other");

        var run = await bed.VerifierAsync("verify", "-p", presentation, "--trust-x5c-root", RootOf(bed, "other"), "--aud", Audience, "--nonce", Nonce, "--json");
        var human = await bed.VerifierAsync("verify", "-p", presentation, "--trust-x5c-root", RootOf(bed, "other"), "--aud", Audience, "--nonce", Nonce);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal("x509.invalid_chain", run.ErrorCode);
        Assert.Contains("--trust-x5c-root", (string?)run.Json["hint"], StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failure, human.ExitCode);
        Assert.Contains("x509.invalid_chain", human.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", human.Output + human.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_SeveralRoots_TheIssuersRootAmongThemVerifies()
    {
        using var bed = new AppTestBed();
        var presentation = await IssueWithCertificateAsync(bed, "issuer");
        await CreateCertifiedKeyAsync(bed, "other");

        var run = await bed.VerifierAsync("verify", "-p", presentation, "--trust-x5c-root", RootOf(bed, "other"), "--trust-x5c-root", RootOf(bed, "issuer"), "--aud", Audience, "--nonce", Nonce, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task Verify_CredentialWithoutX5c_GoesToTrustWhenGivenAndIsRefusedByTheRootAlone()
    {
        using var bed = new AppTestBed();
        await CreateCertifiedKeyAsync(bed, "issuer");
        var holder = await bed.IssuerAsync("keys", "create", "--out", bed.PathOf("holder.jwk"), "--public-out", bed.PathOf("holder.pub.jwk"));
        Assert.True(holder.ExitCode == 0, holder.ToString());
        var credential = await bed.IssueAgeCredentialAsync(bed.PathOf("holder.pub.jwk"));
        var presentation = await PresentAsync(bed, credential);

        var rootOnly = await bed.VerifierAsync("verify", "-p", presentation, "--trust-x5c-root", RootOf(bed, "issuer"), "--aud", Audience, "--nonce", Nonce, "--json");
        var both = await bed.VerifierAsync("verify", "-p", presentation, "--trust", bed.IssuerPublicJwkPath, "--trust-x5c-root", RootOf(bed, "issuer"), "--aud", Audience, "--nonce", Nonce, "--json");

        Assert.Equal(ExitCodes.Failure, rootOnly.ExitCode);
        Assert.Equal("x509.invalid_chain", rootOnly.ErrorCode);
        Assert.True(both.ExitCode == 0, both.ToString());
    }

    [Fact]
    public async Task Verify_RootFileThatIsNotACertificate_InvalidTrust()
    {
        using var bed = new AppTestBed();
        var presentation = await IssueWithCertificateAsync(bed, "issuer");
        var notPem = bed.Write("root.pem", "not a certificate");

        var run = await bed.VerifierAsync("verify", "-p", presentation, "--trust-x5c-root", notPem, "--json");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal("cli.invalid_trust", run.ErrorCode);
    }

    /// <summary>keys create --cert-out (a sample root), issue --cert, and a presentation of every claim for Audience/Nonce.</summary>
    private static async Task<string> IssueWithCertificateAsync(AppTestBed bed, string name)
    {
        await CreateCertifiedKeyAsync(bed, name);
        var holder = await bed.IssuerAsync("keys", "create", "--out", bed.PathOf("holder.jwk"), "--public-out", bed.PathOf("holder.pub.jwk"));
        Assert.True(holder.ExitCode == 0, holder.ToString());
        var claims = Path.Combine(AppContext.BaseDirectory, "sample-data", "age.json");
        var issued = await bed.IssuerAsync("issue", "--key", bed.PathOf(name + ".jwk"), "--issuer", IssuerUrl, "--cert", bed.PathOf(name + ".chain.pem"), "--type", "age", "--claims", claims, "--holder-key", bed.PathOf("holder.pub.jwk"), "--out", bed.PathOf("age.sd-jwt"));
        Assert.True(issued.ExitCode == 0, issued.ToString());
        return await PresentAsync(bed, bed.PathOf("age.sd-jwt"));
    }

    private static async Task CreateCertifiedKeyAsync(AppTestBed bed, string name)
    {
        var run = await bed.IssuerAsync("keys", "create", "--out", bed.PathOf(name + ".jwk"), "--cert-out", bed.PathOf(name + ".chain.pem"), "--issuer", IssuerUrl);
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    private static async Task<string> PresentAsync(AppTestBed bed, string credentialPath)
    {
        using var holderKey = SigningKey.FromJwk(Jwk.Parse(File.ReadAllText(bed.PathOf("holder.jwk"))));
        var sdJwt = SdJwtToken.Read(File.ReadAllText(credentialPath).Trim()).Value;
        var holder = new SdJwtHolder();
        var paths = holder.GetDisclosableClaims(sdJwt).Value.Select(c => c.Path).ToArray();
        var presentation = (await holder.PresentAsync(sdJwt, paths, new KeyBindingInput(Audience, Nonce), holderKey)).Value.Serialize();
        return bed.Write("presentation.txt", presentation);
    }

    /// <summary>The sample root CA: the last certificate of the chain 'keys create --cert-out' wrote, alone in a PEM file.</summary>
    private static string RootOf(AppTestBed bed, string name)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(File.ReadAllText(bed.PathOf(name + ".chain.pem")));
        var path = bed.PathOf(name + ".root.pem");
        File.WriteAllText(path, certificates[^1].ExportCertificatePem());
        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }

        return path;
    }
}
