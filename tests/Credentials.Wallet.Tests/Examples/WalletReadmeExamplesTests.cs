using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Credentials.SdJwtVc;
using Credentials.Testing;
using Credentials.Wallet;
using Credentials.Wallet.Holder;
using Credentials.Wallet.OpenId4Vci;
using Credentials.Wallet.OpenId4Vp;
using Xunit;

namespace Credentials.Wallet.Tests.Examples;

/// <summary>
/// The Credentials.Wallet README's example lives here so it compiles; a test keeps the README's copy identical.
/// Compile-only: running it needs an OpenID4VCI issuer and an OpenID4VP verifier, which other tests cover.
/// </summary>
public sealed class WalletReadmeExamplesTests
{
    private const string Readme = "src/Credentials.Wallet/README.md";
    private const string Source = "tests/Credentials.Wallet.Tests/Examples/WalletReadmeExamplesTests.cs";

    [Fact]
    public void WalletReadme_Snippet_MatchesCompiledCode()
    {
        Assert.Equal(ReadmeSnippet.Region(Source, "WalletReadme"), ReadmeSnippet.Code(Readme));
        Assert.All(ReadmeSnippet.Usings(Readme), u => Assert.Contains(u, ReadmeSnippet.SourceUsings(Source)));
    }

    // Compile-only: never called.
    internal static async Task WalletReadmeAsync(
        string passphrase, SdJwtVcVerifier credentialVerifier, HttpClient httpClient, string offerLink, string pin, string requestLink)
    {
        #region WalletReadme
        using var store = (await WalletStore.OpenOrCreateAsync("wallet.db", WalletSecret.FromPassphrase(passphrase))).GetValueOrThrow();
        var wallet = new CredentialWallet(store, credentialVerifier, new CredentialWalletOptions { Locale = "ja-JP" });

        // Receive: the issuer's OpenID4VCI offer (a link or QR code), with the PIN sent separately.
        var vci = new OpenId4VciClient(httpClient, new OpenId4VciClientOptions());
        var offer = await vci.ResolveOfferAsync(offerLink);
        var received = await vci.ReceiveAsync(offer.Value, wallet, new CredentialReceiveRequest { TransactionCode = pin });

        // Present: the verifier's OpenID4VP request; the person sees the plan and approves or denies it.
        var vp = new OpenId4VpWalletClient(httpClient, wallet, new OpenId4VpWalletClientOptions());
        var submission = await vp.PresentAsync(requestLink, (plan, ct) => AskThePersonAsync(plan, ct));
        #endregion
    }

    private static ValueTask<PresentationConsent> AskThePersonAsync(PresentationPlan plan, CancellationToken cancellationToken)
        => ValueTask.FromResult(plan.IsSatisfiable ? PresentationConsent.Approve : PresentationConsent.Deny);
}
