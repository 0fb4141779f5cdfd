using System.Threading.Tasks;
using Credentials.OpenId4Vp;
using Credentials.Wallet.Holder;
using Xunit;

namespace Credentials.AspNetCore.Tests.OpenId4Vp;

/// <summary>
/// A real Kestrel loopback round trip with a verifier identified as <c>x509_san_dns:localhost</c>: the wallet POSTs
/// <c>wallet_metadata</c> and <c>wallet_nonce</c> to the Request URI (section 5.10), verifies the <c>x5c</c> chain against
/// its trust anchor, and answers with an encrypted response (<c>direct_post.jwt</c>).
/// </summary>
public sealed class X509ClientIdEndToEndTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_wallet_presents_to_an_x509_san_dns_verifier_over_request_uri_post(bool encrypted)
    {
        await using var bed = await OpenId4VpTestBed.StartAsync(VerifierKind.X509SanDns, requestUriMethod: "post", encrypted: encrypted);
        await bed.IssueIntoWalletAsync();
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpTestBed.AgeOver20Query());

        var resolved = await bed.Client.ResolveRequestAsync(transaction.ByReferenceLink!);
        var submission = await bed.Client.PresentAsync(transaction.ByReferenceLink!, (_, _) => ValueTask.FromResult(PresentationConsent.Approve));
        var result = await bed.Verifier.GetResultAsync(transaction.TransactionId);

        Assert.True(resolved.IsValid, resolved.Error?.ToString());
        Assert.Equal("x509_san_dns:localhost", resolved.Value.Request.ClientId);
        Assert.NotNull(resolved.Value.Request.WalletNonce);
        Assert.Equal(bed.VerifierCertificates!.Value.Leaf.RawData, resolved.Value.ClientCertificate!.RawData);
        Assert.Equal(encrypted, resolved.Value.IsEncrypted);
        Assert.True(submission.IsValid, submission.Error?.ToString());
        Assert.Equal(200, submission.Value.StatusCode);
        Assert.Equal(OpenId4VpTransactionStatus.Accepted, result.Value.Status);
    }

    [Fact]
    public async Task A_wallet_without_the_verifiers_anchor_refuses_the_request()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync(VerifierKind.X509SanDns, requestUriMethod: "post");
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpTestBed.AgeOver20Query());
        var client = new Credentials.Wallet.OpenId4Vp.OpenId4VpWalletClient(bed.Http, bed.Wallet, new Credentials.Wallet.OpenId4Vp.OpenId4VpWalletClientOptions
        {
            Http = Credentials.Wallet.OpenId4Vp.OpenId4VpWalletClientOptions.Default.Http with { RequireHttps = false, AddressPolicy = Credentials.Http.HttpAddressPolicy.PublicAndLoopback },
        });

        var resolved = await client.ResolveRequestAsync(transaction.ByReferenceLink!);

        Assert.Equal(OpenId4VpErrors.ClientCertificateUntrusted, resolved.Error?.Code);
    }
}
