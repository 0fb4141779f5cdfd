using System;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Mdoc.Certificates;
using Credentials.Samples.Issuer;
using Xunit;

namespace Credentials.Samples.Tests.Issuer;

public sealed class IacaCommandTests : IssuerTestBase
{
    [Fact]
    public async Task IacaCreateThenSign_DocumentSignerValidatesAgainstTheIaca()
    {
        var create = await RunOkAsync("iaca", "create", "--out-key", PathOf("iaca.jwk"), "--out-cert", PathOf("iaca.pem"), "--json");
        var dsKey = await CreateKeyAsync("ds");
        var sign = await RunOkAsync("iaca", "sign", "--iaca-key", PathOf("iaca.jwk"), "--iaca-cert", PathOf("iaca.pem"), "--key", dsKey, "--out", PathOf("ds.pem"), "--json");

        using var iaca = MdocCertificates.ParsePem(File.ReadAllText(PathOf("iaca.pem")));
        using var ds = MdocCertificates.ParsePem(File.ReadAllText(PathOf("ds.pem")));
        var result = new MdocCertificateValidator([iaca], options: new MdocCertificateValidatorOptions { TimeProvider = Clock }).Validate([ds]);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(Jwk.Parse(File.ReadAllText(PathOf("ds.pub.jwk"))).X, result.Value.DocumentSignerKey.Jwk.X);
        Assert.Equal("C=JP, CN=Sample IACA", iaca.Subject);
        Assert.Equal("C=JP, CN=Sample Document Signer", ds.Subject);
        Assert.Equal(iaca.Subject, create.Json.GetProperty("subject").GetString());
        Assert.True(sign.Json.GetProperty("validatesAgainstIaca").GetBoolean());
        Assert.Equal(ds.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), sign.Json.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task IacaCreate_KeyFile_IsAPrivateJwkLikeKeysCreateWrites()
    {
        await RunOkAsync("iaca", "create", "--out-key", PathOf("iaca.jwk"), "--out-cert", PathOf("iaca.pem"));

        var jwk = Jwk.Parse(File.ReadAllText(PathOf("iaca.jwk")));
        using var key = SigningKey.FromJwk(jwk);
        using var iaca = MdocCertificates.ParsePem(File.ReadAllText(PathOf("iaca.pem")));
        using var certified = iaca.GetECDsaPublicKey()!;

        Assert.Equal("P-256", jwk.Crv);
        Assert.Equal("ES256", jwk.Alg);
        Assert.Equal(key.PublicJwk.ComputeThumbprint(), jwk.Kid);
        Assert.Equal(Convert.FromBase64String(ToBase64(jwk.X!)), certified.ExportParameters(false).Q.X);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PathOf("iaca.jwk")));
        }
    }

    [Fact]
    public async Task IacaCreate_CountryNameAndUri_InBothCertificates()
    {
        await RunOkAsync("iaca", "create", "--out-key", PathOf("iaca.jwk"), "--out-cert", PathOf("iaca.pem"), "--country", "us", "--name", "Utopia IACA", "--uri", "https://utopia.example");
        await CreateKeyAsync("ds");
        await RunOkAsync("iaca", "sign", "--iaca-key", PathOf("iaca.jwk"), "--iaca-cert", PathOf("iaca.pem"), "--key", PathOf("ds.pub.jwk"), "--out", PathOf("ds.pem"), "--name", "Utopia DS");

        using var iaca = MdocCertificates.ParsePem(File.ReadAllText(PathOf("iaca.pem")));
        using var ds = MdocCertificates.ParsePem(File.ReadAllText(PathOf("ds.pem")));

        Assert.Equal("C=US, CN=Utopia IACA", iaca.Subject);
        Assert.Equal("C=US, CN=Utopia DS", ds.Subject);
        Assert.Equal(iaca.Extensions["2.5.29.18"]!.RawData, ds.Extensions["2.5.29.18"]!.RawData);
    }

    [Fact]
    public async Task IacaCreate_HumanOutput_SaysWhatWasWritten()
    {
        var run = await RunOkAsync("iaca", "create", "--out-key", PathOf("iaca.jwk"), "--out-cert", PathOf("iaca.pem"));

        Assert.Contains("IACA root certificate created", run.Output, StringComparison.Ordinal);
        Assert.Contains("SHA-256", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--country", "JPN")]
    [InlineData("--uri", "issuer.example.jp")]
    public async Task IacaCreate_InvalidOption_NothingWritten(string option, string value)
    {
        var run = await RunAsync("iaca", "create", "--out-key", PathOf("iaca.jwk"), "--out-cert", PathOf("iaca.pem"), option, value, "--json");

        Assert.Equal(CliErrors.InvalidOptionCode, run.ErrorCode);
        Assert.False(File.Exists(PathOf("iaca.jwk")));
        Assert.False(File.Exists(PathOf("iaca.pem")));
    }

    [Fact]
    public async Task IacaCreate_ExistingFile_RefusedWithoutForce()
    {
        await RunOkAsync("iaca", "create", "--out-key", PathOf("iaca.jwk"), "--out-cert", PathOf("iaca.pem"));
        var before = File.ReadAllText(PathOf("iaca.pem"));

        var refused = await RunAsync("iaca", "create", "--out-key", PathOf("other.jwk"), "--out-cert", PathOf("iaca.pem"), "--json");

        Assert.Equal(CliErrors.FileExistsCode, refused.ErrorCode);
        Assert.False(File.Exists(PathOf("other.jwk")));
        Assert.Equal(before, File.ReadAllText(PathOf("iaca.pem")));
    }

    [Fact]
    public async Task IacaSign_KeyOfAnotherIaca_IacaKeyMismatch()
    {
        await RunOkAsync("iaca", "create", "--out-key", PathOf("iaca.jwk"), "--out-cert", PathOf("iaca.pem"));
        var other = await CreateKeyAsync("other");
        var ds = await CreateKeyAsync("ds");

        var run = await RunAsync("iaca", "sign", "--iaca-key", other, "--iaca-cert", PathOf("iaca.pem"), "--key", ds, "--out", PathOf("ds.pem"), "--json");

        Assert.Equal(IacaErrors.IacaKeyMismatch, run.ErrorCode);
        Assert.False(File.Exists(PathOf("ds.pem")));
    }

    [Fact]
    public async Task IacaSign_CertificateFileNotPem_InvalidCertificate()
    {
        await RunOkAsync("iaca", "create", "--out-key", PathOf("iaca.jwk"), "--out-cert", PathOf("iaca.pem"));
        var ds = await CreateKeyAsync("ds");

        var run = await RunAsync("iaca", "sign", "--iaca-key", PathOf("iaca.jwk"), "--iaca-cert", PathOf("iaca.jwk"), "--key", ds, "--out", PathOf("ds.pem"), "--json");

        Assert.Equal(IacaErrors.InvalidCertificate, run.ErrorCode);
    }

    [Fact]
    public async Task IacaSign_DocumentSignerCertificateAsIaca_NotAnIaca()
    {
        await RunOkAsync("iaca", "create", "--out-key", PathOf("iaca.jwk"), "--out-cert", PathOf("iaca.pem"));
        var ds = await CreateKeyAsync("ds");
        await RunOkAsync("iaca", "sign", "--iaca-key", PathOf("iaca.jwk"), "--iaca-cert", PathOf("iaca.pem"), "--key", ds, "--out", PathOf("ds.pem"));

        var run = await RunAsync("iaca", "sign", "--iaca-key", ds, "--iaca-cert", PathOf("ds.pem"), "--key", ds, "--out", PathOf("ds2.pem"), "--json");

        Assert.Equal(IacaErrors.NotAnIaca, run.ErrorCode);
    }

    [Fact]
    public async Task IacaSign_AfterTheIacaExpired_IacaNotValid()
    {
        await RunOkAsync("iaca", "create", "--out-key", PathOf("iaca.jwk"), "--out-cert", PathOf("iaca.pem"));
        var ds = await CreateKeyAsync("ds");
        Clock.Advance(TimeSpan.FromDays(3_300));

        var run = await RunAsync("iaca", "sign", "--iaca-key", PathOf("iaca.jwk"), "--iaca-cert", PathOf("iaca.pem"), "--key", ds, "--out", PathOf("ds.pem"), "--json");

        Assert.Equal(IacaErrors.IacaNotValid, run.ErrorCode);
        Assert.False(File.Exists(PathOf("ds.pem")));
    }

    [Fact]
    public async Task IacaSign_Ed25519DocumentSignerKey_Validates()
    {
        await RunOkAsync("iaca", "create", "--out-key", PathOf("iaca.jwk"), "--out-cert", PathOf("iaca.pem"));
        var ds = await CreateKeyAsync("ds", "EdDSA");

        await RunOkAsync("iaca", "sign", "--iaca-key", PathOf("iaca.jwk"), "--iaca-cert", PathOf("iaca.pem"), "--key", ds, "--out", PathOf("ds.pem"));

        using var iaca = MdocCertificates.ParsePem(File.ReadAllText(PathOf("iaca.pem")));
        using var certificate = MdocCertificates.ParsePem(File.ReadAllText(PathOf("ds.pem")));
        var result = new MdocCertificateValidator([iaca], options: new MdocCertificateValidatorOptions { TimeProvider = Clock }).Validate([certificate]);
        Assert.True(result.IsValid, result.ToString());
        Assert.Equal("Ed25519", result.Value.DocumentSignerKey.Jwk.Crv);
    }

    [Theory]
    [InlineData("iaca", "--help")]
    [InlineData("iaca", "create", "--help")]
    [InlineData("iaca", "sign", "--help")]
    public async Task Help_IacaCommands_PrintUsage(params string[] args)
    {
        var run = await RunAsync(args);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage", run.Output, StringComparison.Ordinal);
    }

    private static string ToBase64(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
    }
}
