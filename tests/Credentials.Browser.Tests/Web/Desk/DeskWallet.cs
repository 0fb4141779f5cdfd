using System;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Credentials.Http;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Credentials.Samples.Web.Desk;
using Credentials.Wallet.OpenId4Vci;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Credentials.Browser.Tests.Web.Desk;

/// <summary>
/// A wallet for the desk's offers: the library's OpenID4VCI client (pre-authorized code, with the PIN when the offer has
/// one) receiving the <c>ipa-exam</c> SD-JWT VC with a fresh ES256 holder key. <see cref="IssueAsync"/> makes an offer
/// on a running app's desk and redeems it, for tests that need a certificate the app issued (and may revoke).
/// </summary>
internal static class DeskWallet
{
    /// <summary>One person for <see cref="IssueAsync"/>.</summary>
    public const string SampleCsv = "certificate_number,category_code,session,pass_date,family_name,given_name,family_name_kana,given_name_kana,family_name_romaji,given_name_romaji,birthdate\n"
        + "2026-05-04321,FE,2026-05,2026-06-15,佐藤,健,サトウ,ケン,SATO,KEN,2001-04-02\n";

    /// <summary>Redeems an offer link; returns the issued credential and the holder key it is bound to.</summary>
    /// <param name="link">The <c>openid-credential-offer://</c> link.</param>
    /// <param name="pin">The offer's PIN, if it has one.</param>
    /// <param name="clock">The app's clock (key proofs are dated with it).</param>
    public static async Task<IssuedCertificate> RedeemAsync(string link, string? pin, TimeProvider clock)
    {
        var holderKey = SigningKey.Create(JwsAlgorithm.Es256);
        var response = await TryRedeemAsync(link, pin, clock, holderKey);
        Assert.True(response.IsValid, response.Error?.ToString());
        return new IssuedCertificate(Assert.Single(response.Value.Credentials!), holderKey);
    }

    /// <summary>Redeems an offer link with <paramref name="holderKey"/>; returns the Credential Response or the refusal.</summary>
    /// <param name="link">The <c>openid-credential-offer://</c> link.</param>
    /// <param name="pin">The offer's PIN, if it has one.</param>
    /// <param name="clock">The app's clock (key proofs are dated with it).</param>
    /// <param name="holderKey">The wallet's key for the credential.</param>
    public static async Task<VerificationResult<CredentialResponse>> TryRedeemAsync(string link, string? pin, TimeProvider clock, SigningKey holderKey)
    {
        var (client, resolved, accessToken) = await TokenAsync(link, pin, clock);
        return await CredentialAsync(client, resolved, accessToken, clock, holderKey);
    }

    /// <summary>The first half of a redemption: resolves the offer and gets the access token (with the PIN).</summary>
    public static async Task<(OpenId4VciClient Client, ResolvedCredentialOffer Offer, string AccessToken)> TokenAsync(string link, string? pin, TimeProvider clock)
    {
        var client = Client(clock);
        var resolved = await client.ResolveOfferAsync(link);
        Assert.True(resolved.IsValid, resolved.Error?.ToString());
        var token = await client.RequestTokenAsync(resolved.Value, pin);
        Assert.True(token.IsValid, token.Error?.ToString());
        return (client, resolved.Value, token.Value.AccessToken);
    }

    /// <summary>The second half: a fresh nonce, a key proof by <paramref name="holderKey"/> and the Credential Request.</summary>
    public static async Task<VerificationResult<CredentialResponse>> CredentialAsync(OpenId4VciClient client, ResolvedCredentialOffer offer, string accessToken, TimeProvider clock, SigningKey holderKey)
    {
        var nonce = await client.RequestNonceAsync(offer.Metadata.NonceEndpoint!);
        Assert.True(nonce.IsValid, nonce.Error?.ToString());
        var proof = await JwtKeyProof.CreateAsync(holderKey, holderKey.PublicJwk, offer.Offer.CredentialIssuer, nonce.Value, clock.GetUtcNow());
        return await client.RequestCredentialAsync(offer.Metadata, accessToken, new CredentialRequest { CredentialConfigurationId = "ipa-exam", JwtProofs = [proof] });
    }

    private static readonly HttpClient s_http = new();

    private static OpenId4VciClient Client(TimeProvider clock) => new(s_http, new OpenId4VciClientOptions
    {
        Http = OpenId4VciClientOptions.Default.Http with { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback },
        TimeProvider = clock,
    });

    /// <summary>
    /// Puts one person (<paramref name="csv"/>, default <see cref="SampleCsv"/>) on the running app's desk without the
    /// browser, redeems their offer, and returns the credential and the desk row (to revoke it with
    /// <see cref="DeskIssuance.ChangeStatusAsync"/>).
    /// </summary>
    /// <param name="bed">The running app.</param>
    /// <param name="csv">The CSV with one person.</param>
    public static async Task<(IssuedCertificate Certificate, DeskRow Row)> IssueAsync(WebAppBed bed, string? csv = null)
    {
        var desk = bed.Services.GetRequiredService<DeskIssuance>();
        var read = DeskCsvReader.Read(Encoding.UTF8.GetBytes(csv ?? SampleCsv), Samples.JapanTime.Today(bed.Clock));
        Assert.True(read.IsClean, string.Join("; ", read.Problems));
        var offer = Assert.Single(await desk.OfferAsync(read.Rows, withPin: true));
        var certificate = await RedeemAsync(offer.Row.OfferLink, offer.Pin, bed.Clock);
        return (certificate, (await desk.Store.GetAsync(offer.Row.Id))!);
    }
}

/// <summary>A credential the desk issued and the holder's key.</summary>
/// <param name="Credential">The SD-JWT VC (compact, with every disclosure).</param>
/// <param name="HolderKey">The key in its <c>cnf</c> (for key binding in a presentation).</param>
internal sealed record IssuedCertificate(string Credential, SigningKey HolderKey);
