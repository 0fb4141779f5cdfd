using System;
using System.IO;
using System.Threading.Tasks;
using Credentials.Keys;
using Xunit;

namespace Credentials.Samples.Tests.Issuer;

public sealed class IssuerKeysTests : IssuerTestBase
{
    [Theory]
    [InlineData("EdDSA", "OKP")]
    [InlineData("ES256", "EC")]
    [InlineData("ES384", "EC")]
    public async Task KeysCreate_Algorithm_WritesPrivateJwk(string alg, string kty)
    {
        var run = await RunOkAsync("keys", "create", "--alg", alg, "--out", PathOf("k.jwk"), "--json");

        var jwk = Jwk.Parse(File.ReadAllText(PathOf("k.jwk")));
        Assert.True(jwk.HasPrivateKey);
        Assert.Equal(kty, jwk.Kty);
        Assert.True(run.Json.GetProperty("ok").GetBoolean());
        Assert.Equal(alg, run.Json.GetProperty("alg").GetString());
        Assert.False(run.Json.GetProperty("publicJwk").TryGetProperty("d", out _));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PathOf("k.jwk")));
        }
    }

    [Fact]
    public async Task KeysCreate_FileExists_RefusesWithoutForce()
    {
        await CreateKeyAsync("k");
        var before = File.ReadAllText(PathOf("k.jwk"));

        var refused = await RunAsync("keys", "create", "--out", PathOf("k.jwk"), "--json");
        var forced = await RunAsync("keys", "create", "--out", PathOf("k.jwk"), "--force");

        Assert.Equal(ExitCodes.OutputError, refused.ExitCode);
        Assert.Equal(CliErrors.FileExistsCode, refused.ErrorCode);
        Assert.Equal(0, forced.ExitCode);
        Assert.NotEqual(before, File.ReadAllText(PathOf("k.jwk")));
    }

    [Fact]
    public async Task KeysCreate_UnknownAlgorithm_UsageError()
    {
        var run = await RunAsync("keys", "create", "--alg", "RS256", "--out", PathOf("k.jwk"), "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(CliErrors.UsageCode, run.ErrorCode);
        Assert.False(File.Exists(PathOf("k.jwk")));
    }

    [Theory]
    [InlineData("key", "did:key:z")]
    [InlineData("jwk", "did:jwk:")]
    public async Task Did_Method_PrintsDid(string method, string prefix)
    {
        var key = await CreateKeyAsync("k", "EdDSA");

        var human = await RunOkAsync("did", "--key", key, "--method", method);
        var json = await RunOkAsync("did", "--key", PathOf("k.pub.jwk"), "--method", method, "--json");

        Assert.StartsWith(prefix, human.Output.Trim(), StringComparison.Ordinal);
        Assert.Equal(human.Output.Trim(), json.Json.GetProperty("did").GetString());
        Assert.StartsWith(human.Output.Trim() + "#", json.Json.GetProperty("keyId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Did_MissingKeyFile_InputError()
    {
        var run = await RunAsync("did", "--key", PathOf("absent.jwk"), "--json");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal(CliErrors.FileNotFoundCode, run.ErrorCode);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("keys", "create", "--help")]
    [InlineData("did", "--help")]
    [InlineData("issue", "--help")]
    [InlineData("batch", "--help")]
    [InlineData("status", "--help")]
    [InlineData("status", "revoke", "--help")]
    [InlineData("status", "publish", "--help")]
    public async Task Help_EveryCommand_PrintsUsageAndSucceeds(params string[] args)
    {
        var run = await RunAsync(args);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_UnknownCommand_UsageErrorWithoutStackTrace()
    {
        var run = await RunAsync("frobnicate");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("cli.usage", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }
}
