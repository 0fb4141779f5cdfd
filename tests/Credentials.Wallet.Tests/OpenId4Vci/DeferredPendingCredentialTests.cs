using System;
using System.Text.Json.Nodes;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Credentials.Wallet.OpenId4Vci;
using Xunit;

namespace Credentials.Wallet.Tests.OpenId4Vci;

/// <summary>A pending issuance under a DPoP-bound token persists its DPoP key (a secret) and reads it back.</summary>
public sealed class DeferredPendingCredentialTests
{
    private static PendingCredential Pending(Jwk? dpopKey) => new()
    {
        CredentialIssuer = "https://issuer.example.jp",
        CredentialConfigurationId = "age",
        TransactionId = "tx-1",
        AccessToken = "secret-access-token",
        DpopKey = dpopKey,
        HolderKeyIds = ["k1"],
        RetryAfter = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000),
    };

    [Fact]
    public void DpopBound_ToJsonAndRead_KeepsThePrivateKey()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        var read = PendingCredential.Read(Pending(key.ExportPrivateJwk()).ToJson());

        Assert.True(read.IsValid, read.Error?.ToString());
        Assert.True(read.Value.DpopKey!.HasPrivateKey);
        Assert.Equal(key.PublicJwk.ComputeThumbprint(), read.Value.DpopKey.ComputeThumbprint());
    }

    [Fact]
    public void Bearer_ToJsonAndRead_HasNoKey()
    {
        var read = PendingCredential.Read(Pending(null).ToJson());

        Assert.True(read.IsValid, read.Error?.ToString());
        Assert.Null(read.Value.DpopKey);
    }

    [Fact]
    public void PublicKeyOnly_Read_Refused()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        var json = JsonNode.Parse(Pending(key.ExportPrivateJwk()).ToJson())!.AsObject();
        Assert.True(json["dpop_key"]!.AsObject().Remove("d"));

        Assert.Equal(OpenId4VciErrors.InvalidResponse, PendingCredential.Read(json.ToJsonString()).Error?.Code);
    }

    [Fact]
    public void ToString_ShowsNeitherTokenNorKey()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        var text = Pending(key.ExportPrivateJwk()).ToString();

        Assert.DoesNotContain("secret-access-token", text, StringComparison.Ordinal);
        Assert.DoesNotContain(key.ExportPrivateJwk().D!, text, StringComparison.Ordinal);
    }
}
