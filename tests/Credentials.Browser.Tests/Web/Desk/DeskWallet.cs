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
        using var http = new HttpClient();
        var client = new OpenId4VciClient(http, new OpenId4VciClientOptions
        {
            Http = OpenId4VciClientOptions.Default.Http with { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback },
            TimeProvider = clock,
        });
        var resolved = await client.ResolveOfferAsync(link);
        Assert.True(resolved.IsValid, resolved.Error?.ToString());
        var token = await client.RequestTokenAsync(resolved.Value, pin);
        Assert.True(token.IsValid, token.Error?.ToString());
        var nonce = await client.RequestNonceAsync(resolved.Value.Metadata.NonceEndpoint!);
        Assert.True(nonce.IsValid, nonce.Error?.ToString());
        var holderKey = SigningKey.Create(JwsAlgorithm.Es256);
        var proof = await JwtKeyProof.CreateAsync(holderKey, holderKey.PublicJwk, resolved.Value.Offer.CredentialIssuer, nonce.Value, clock.GetUtcNow());
        var response = await client.RequestCredentialAsync(resolved.Value.Metadata, token.Value.AccessToken, new CredentialRequest { CredentialConfigurationId = "ipa-exam", JwtProofs = [proof] });
        Assert.True(response.IsValid, response.Error?.ToString());
        return new IssuedCertificate(Assert.Single(response.Value.Credentials!), holderKey);
    }

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
        var row = Assert.Single(await desk.OfferAsync(read.Rows, withPin: true));
        var certificate = await RedeemAsync(row.OfferLink, row.Pin, bed.Clock);
        return (certificate, (await desk.Store.GetAsync(row.Id))!);
    }
}

/// <summary>A credential the desk issued and the holder's key.</summary>
/// <param name="Credential">The SD-JWT VC (compact, with every disclosure).</param>
/// <param name="HolderKey">The key in its <c>cnf</c> (for key binding in a presentation).</param>
internal sealed record IssuedCertificate(string Credential, SigningKey HolderKey);
