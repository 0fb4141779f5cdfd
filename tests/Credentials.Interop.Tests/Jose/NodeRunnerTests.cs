using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace Credentials.Interop.Tests.Jose;

/// <summary>The harness itself: installed peers, failures surfaced as exceptions rather than empty output.</summary>
public sealed class NodeRunnerTests
{
    [Fact]
    public async Task RunAsync_ValidInput_ReturnsScriptStdoutAndLeavesInstallStamp()
    {
        var output = await NodeRunner.Shared.RunAsync("jose-thumbprint.mjs", """{"jwk":{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}}""");

        using var json = JsonDocument.Parse(output);
        // RFC 8037 appendix A.3: the thumbprint of the RFC's Ed25519 example key.
        Assert.Equal("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", json.RootElement.GetProperty("thumbprint").GetString());
        Assert.True(File.Exists(Path.Combine(NodeRunner.NodeDirectory, "node_modules", ".credentials-install-stamp")));
    }

    [Fact]
    public async Task RunAsync_ScriptExitsNonZero_ThrowsInvalidOperationException()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => NodeRunner.Shared.RunAsync("jose-thumbprint.mjs", "not json"));
    }

    [Fact]
    public async Task RunAsync_UnknownScript_ThrowsInvalidOperationException()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => NodeRunner.Shared.RunAsync("jose-does-not-exist.mjs"));
    }
}
