using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Status;
using Xunit;

namespace Credentials.Interop.Tests.OpenId4Vc;

/// <summary>
/// OpenID4VCI with <c>@openid4vc/openid4vci</c> (pinned in node/package.json) as the wallet against our issuer on
/// loopback: their client resolves our offer link and our metadata, redeems the pre-authorized code at our token
/// endpoint, builds a jwt proof with a jose signer and requests the credential; our issuer must issue to their key.
/// </summary>
public sealed class OpenId4VciInteropTests : IAsyncLifetime
{
    private InteropIssuer _issuer = null!;

    public async Task InitializeAsync() => _issuer = await InteropIssuer.StartAsync();

    public async Task DisposeAsync() => await _issuer.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("493536")]
    public async Task TheirWallet_OurOfferByValue_CredentialIssuedToTheirProofKey(string? pin)
    {
        var offer = await _issuer.OfferAsync(pin);

        var output = await RunWalletAsync(offer.ByValueLink, pin);

        Assert.Equal(_issuer.IssuerId, output["offer"]!["credential_issuer"]!.GetValue<string>());
        Assert.Equal(_issuer.IssuerId, output["credentialIssuer"]!.GetValue<string>());
        Assert.Equal([InteropIssuer.Configuration], output["configurationIds"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("dc+sd-jwt", output["configurationFormat"]!.GetValue<string>());
        Assert.Equal("openid4vci-proof+jwt", output["proofHeader"]!["typ"]!.GetValue<string>());
        Assert.Equal(_issuer.IssuerId, output["proofPayload"]!["aud"]!.GetValue<string>());
        var credential = output["credentialResponse"]!["credentials"]![0]!["credential"]!.GetValue<string>();
        var verified = await _issuer.CreateVerifier().VerifyAsync(credential, new SdJwtVcPolicy { KeyBinding = KeyBindingRequirement.Forbidden, Status = StatusCheck.Skip });
        Assert.True(verified.IsValid, verified.Error?.ToString());
        Assert.Equal(InteropIssuer.Vct, verified.Value.Vct);
        Assert.Equal("高橋", verified.Value.Claims.GetProperty("family_name").GetString());
        var theirKey = Jwk.Read(JsonDocument.Parse(output["holderJwk"]!.ToJsonString()).RootElement).Value;
        var cnf = Jwk.Read(verified.Value.Claims.GetProperty("cnf").GetProperty("jwk")).Value;
        Assert.Equal(theirKey.ComputeThumbprint(), cnf.ComputeThumbprint());
        Assert.Equal("exam-2026-05-01234", Assert.Single(_issuer.Requests).SubjectId);
    }

    [Fact]
    public async Task TheirWallet_WrongTransactionCode_OurTokenEndpointRejectsAndNothingIssued()
    {
        var offer = await _issuer.OfferAsync("493536");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunWalletAsync(offer.ByValueLink, "000000"));

        Assert.Contains("invalid_grant", error.Message, StringComparison.Ordinal);
        Assert.Empty(_issuer.Requests);
    }

    private static async Task<JsonNode> RunWalletAsync(string offerLink, string? pin)
    {
        var stdin = new JsonObject { ["offer"] = offerLink, ["txCode"] = pin }.ToJsonString();
        return JsonNode.Parse(await NodeRunner.Shared.RunAsync("oid4vc-vci-wallet.mjs", stdin))!;
    }
}
