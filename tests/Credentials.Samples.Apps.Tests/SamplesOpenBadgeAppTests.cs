using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Samples.Issuer;
using Credentials.Testing;
using Credentials.Testing.Ports;
using Xunit;

namespace Credentials.Samples.Apps.Tests;

/// <summary>
/// The Open Badge path through the apps: <c>issuer issue --format ob3-di</c> → <c>issuer bake</c> → <c>verifier verify</c>
/// of the baked PNG, with the badge's Bitstring Status List served by <c>issuer serve</c> on loopback; after
/// <c>issuer status revoke</c> the next verification fails with <c>status.revoked</c>.
/// </summary>
public sealed class SamplesOpenBadgeAppTests : IDisposable
{
    private readonly AppTestBed _bed = new();

    [Fact]
    public async Task IssueBakeVerify_BakedPngVerifies_RevokedBadgeThenFailsWithStatusRevoked()
    {
        var key = _bed.PathOf("badge-issuer.jwk");
        await RunOkAsync(_bed.IssuerAsync("keys", "create", "--alg", "EdDSA", "--out", key));
        var did = (await RunOkAsync(_bed.IssuerAsync("did", "--key", key, "--json"))).Json["did"]!.GetValue<string>();
        var db = _bed.PathOf("status.db");

        // On a fresh loopback URL: another port if the one picked was taken before serve could bind it.
        var (url, stop, serving) = await LoopbackPort.OnFreshPortAsync(async url =>
        {
            var stop = new CancellationTokenSource();
            var error = new StringWriter();
            var host = new CliHost(TextWriter.Null, TextWriter.Synchronized(error), environment: _ => null, interactive: false);
            var serving = CliApp.InvokeAsync(IssuerApp.CreateRootCommand(host), ["serve", "--key", key, "--urls", url, "--status-list", db, "--state", _bed.PathOf("state.db")], host, stop.Token);
            try
            {
                await WaitForAsync(url + "/status/badges", serving, error);
            }
            catch
            {
                stop.Dispose();
                throw;
            }

            return (url, stop, serving);
        });
        var list = url + "/status/badges";
        try
        {

            var issued = await RunOkAsync(_bed.IssuerAsync(
                "issue", "--key", key, "--type", "ipa-exam", "--format", "ob3-di", "--claims", SampleClaims("ipa-exam"),
                "--status-list", db, "--status-uri", list, "--out", _bed.PathOf("badge.json"), "--json"));
            var index = issued.Json["status"]!["statusListIndex"]!.GetValue<string>();
            await RunOkAsync(_bed.IssuerAsync("bake", "--credential", _bed.PathOf("badge.json"), "--image", Path.Combine(RepositoryRoot.Path, "samples", "Issuer", "SampleData", "badge.png"), "--out", _bed.PathOf("badge.png")));

            var verified = await _bed.VerifierAsync("verify", "--credential", _bed.PathOf("badge.png"), "--trust", did, "--allow-local-network", "--require-status", "--json");
            Assert.True(verified.ExitCode == 0, verified.ToString());
            Assert.Equal("ob3-baked-png", verified.Json["format"]!.GetValue<string>());
            Assert.Equal("png", verified.Json["badge"]!["bakedIn"]!.GetValue<string>());
            Assert.Equal("Passed", verified.Json["badge"]!["status"]!["outcome"]!.GetValue<string>());
            Assert.Equal("https://credentials.example.jp/achievements/ipa/FE", verified.Json["badge"]!["achievement"]!["id"]!.GetValue<string>());

            await RunOkAsync(_bed.IssuerAsync("status", "revoke", "--db", db, "--uri", list, "--index", index));
            var revoked = await _bed.VerifierAsync("verify", "--credential", _bed.PathOf("badge.png"), "--trust", did, "--allow-local-network", "--json");

            Assert.Equal(1, revoked.ExitCode);
            Assert.Equal("status.revoked", revoked.ErrorCode);
        }
        finally
        {
            await stop.CancelAsync();
            await serving;
            stop.Dispose();
        }
    }

    [Theory]
    [InlineData("ob3-di", "png")]
    [InlineData("ob3-di", "json")]
    [InlineData("ob3-jwt", "svg")]
    public async Task HolderImport_BadgeBoundToAWalletKey_StoredAndListed(string format, string form)
    {
        var holderKey = await _bed.CreateWalletWithKeyAsync();
        var key = _bed.PathOf("badge-issuer.jwk");
        await RunOkAsync(_bed.IssuerAsync("keys", "create", "--alg", "EdDSA", "--out", key));
        var did = (await RunOkAsync(_bed.IssuerAsync("did", "--key", key, "--json"))).Json["did"]!.GetValue<string>();
        var badge = _bed.PathOf("badge." + (format == "ob3-jwt" ? "jwt" : "json"));
        await RunOkAsync(_bed.IssuerAsync("issue", "--key", key, "--type", "dss-skill", "--format", format, "--claims", SampleClaims("dss-skill"), "--holder-key", holderKey, "--out", badge));
        var file = badge;
        if (form is "png" or "svg")
        {
            file = _bed.PathOf("badge." + form);
            await RunOkAsync(_bed.IssuerAsync("bake", "--credential", badge, "--image", Path.Combine(RepositoryRoot.Path, "samples", "Issuer", "SampleData", "badge." + form), "--out", file));
        }

        var imported = await _bed.HolderJsonAsync("import", "--trust", did, file);
        var listed = await _bed.HolderJsonAsync("list");

        Assert.Equal(form is "png" or "svg", imported["bakedImage"]!.GetValue<bool>());
        Assert.Equal(format == "ob3-jwt" ? "jwt_vc_json" : "ldp_vc", imported["format"]!.GetValue<string>());
        var entry = Assert.Single(listed["credentials"]!.AsArray());
        Assert.Equal(imported["id"]!.GetValue<string>(), entry!["id"]!.GetValue<string>());

        // Named in the UI language, like SD-JWT VCs: the achievement's Japanese name, or its English language edition.
        var japanese = Assert.Single((await _bed.HolderJsonAsync("list", "--lang", "ja"))["credentials"]!.AsArray())!;
        var english = Assert.Single((await _bed.HolderJsonAsync("list", "--lang", "en"))["credentials"]!.AsArray())!;
        Assert.Equal("DX推進スキル標準 バックエンドエンジニア（レベル3）", japanese["displayName"]!.GetValue<string>());
        Assert.Equal("ja", japanese["displayLocale"]!.GetValue<string>());
        Assert.Equal("DX Promotion Skill Standard – Back-end Engineer (Level 3)", english["displayName"]!.GetValue<string>());
        Assert.Equal("en", english["displayLocale"]!.GetValue<string>());
    }

    [Fact]
    public async Task HolderImport_BadgeNotBoundToTheWallet_Refused()
    {
        await _bed.CreateWalletWithKeyAsync();
        var key = _bed.PathOf("badge-issuer.jwk");
        await RunOkAsync(_bed.IssuerAsync("keys", "create", "--alg", "EdDSA", "--out", key));
        var did = (await RunOkAsync(_bed.IssuerAsync("did", "--key", key, "--json"))).Json["did"]!.GetValue<string>();
        await RunOkAsync(_bed.IssuerAsync("issue", "--key", key, "--type", "dss-skill", "--format", "ob3-di", "--claims", SampleClaims("dss-skill"), "--out", _bed.PathOf("badge.json")));

        var run = await _bed.HolderAsync("import", "--trust", did, _bed.PathOf("badge.json"), "--wallet", _bed.WalletPath, "--json");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal("wallet.holder_binding_missing", run.ErrorCode);
    }

    public void Dispose() => _bed.Dispose();

    private static string SampleClaims(string type) => Path.Combine(RepositoryRoot.Path, "samples", "Shared", "SampleData", type + ".json");

    private static async Task<AppRun> RunOkAsync(Task<AppRun> running)
    {
        var run = await running;
        Assert.True(run.ExitCode == 0, run.ToString());
        return run;
    }

    private static async Task WaitForAsync(string url, Task<int> serving, StringWriter error)
    {
        using var http = new HttpClient();
        for (var i = 0; i < 200; i++)
        {
            if (serving.IsCompleted)
            {
                var exit = await serving;
                if (error.ToString().Contains("issuer.address_in_use", StringComparison.Ordinal))
                {
                    throw new PortTakenException(error.ToString());
                }

                throw new InvalidOperationException($"serve exited early with {exit}.");
            }

            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("serve did not start.");
    }
}
