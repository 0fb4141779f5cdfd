using System;
using System.Threading.Tasks;
using Credentials.AspNetCore.StatusLists;
using Credentials.AspNetCore.Tests.OpenId4Vci;
using Credentials.Http;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Credentials.Wallet.OpenId4Vci;
using Credentials.SdJwt;
using Credentials.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Credentials.AspNetCore.Tests.Status;

/// <summary>
/// A running OpenID4VCI issuer whose credentials reference a list kept fresh by <c>AddStatusLists</c> (the
/// <see cref="StatusListIssuer"/> registered by it): over a day of fake time the list is re-signed before every expiry
/// and shows the issued credential's revocation.
/// </summary>
public sealed class StatusListIssuerHostTests
{
    private const string Configuration = "age_sd_jwt";

    [Fact]
    public async Task RunningIssuer_IssuedCredentialRevoked_ListReSignedBeforeEachExpiryAndShowsTheRevocation()
    {
        var listUri = StatusListHostBed.ListUri(9);
        await using var bed = await StatusListHostBed.StartAsync(
            [listUri],
            services: (s, origin) =>
            {
                s.AddInMemoryProtocolStateStore();
                s.AddOpenId4VciIssuer(sp => new OpenId4VciIssuerOptions
                {
                    CredentialIssuer = origin() + "/issuer",
                    Signer = IssuerKey,
                    AllowHttp = true,
                    TimeProvider = sp.GetRequiredService<TimeProvider>(),
                    StatusLists = sp.GetRequiredService<StatusListIssuer>(),
                    StatusListUri = listUri,
                    CredentialConfigurations = [new IssuerCredentialConfiguration { Id = Configuration, Vct = "https://issuer.example/age" }],
                    ResolveDataset = (_, _) => ValueTask.FromResult<CredentialDataset?>(new CredentialDataset
                    {
                        Claims = SdJwtPayload.Create().Disclosable("age_over_20", true),
                        ExpiresAt = sp.GetRequiredService<TimeProvider>().GetUtcNow().AddDays(30),
                    }),
                });
            },
            map: app => app.MapOpenId4VciIssuer("/issuer"));
        var first = await bed.WaitForTokenAsync(listUri);

        var reference = await IssueAsync(bed);
        Assert.Equal(listUri, reference.Uri);
        await bed.Issuer.RevokeAsync(reference);
        bed.Publisher.RequestPublish(listUri);
        await bed.WaitForTokenAsync(listUri, t => t != first);

        for (var i = 0; i < 288; i++)
        {
            bed.Clock.Advance(TimeSpan.FromMinutes(5));
            var now = bed.Clock.GetUtcNow();
            await bed.WaitForTokenAsync(listUri, t => StatusListHostBed.Times(t).RefreshDue(StatusListHostingOptions.DefaultRefreshMargin) + TimeSpan.FromMinutes(5) > now);

            var served = await bed.GetServedAsync(9);
            var verified = await bed.VerifyAsync(served, listUri);
            Assert.True(verified.IsValid, $"At {now:O}: {verified.Error?.Code}");
            Assert.Equal(StatusValue.Invalid, verified.Value.StatusList.Get(reference.Index));
        }
    }

    private static SigningKey IssuerKey { get; } = SigningKey.Create(JwsAlgorithm.Es256, "issuer-1");

    private static async Task<StatusReference> IssueAsync(StatusListHostBed bed)
    {
        var issuer = bed.Host.Services.GetRequiredService<OpenId4VciIssuer>();
        var client = new OpenId4VciClient(StatusListHostBed.Http, new OpenId4VciClientOptions
        {
            Http = OpenId4VciClientOptions.Default.Http with { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback },
            TimeProvider = bed.Clock,
        });
        var offer = await issuer.CreateOfferAsync(new CredentialOfferRequest { CredentialConfigurationIds = [Configuration], SubjectId = "subject-1" });
        var resolved = await client.ResolveOfferAsync(offer.ByValueLink);
        Assert.True(resolved.IsValid, resolved.Error?.ToString());
        var token = await client.RequestTokenAsync(resolved.Value, null);
        Assert.True(token.IsValid, token.Error?.ToString());
        var nonce = await client.RequestNonceAsync(issuer.NonceEndpoint);
        Assert.True(nonce.IsValid, nonce.Error?.ToString());
        using var holder = SigningKey.Create(JwsAlgorithm.Es256);
        var proof = await JwtKeyProof.CreateAsync(holder, holder.PublicJwk, issuer.Metadata.CredentialIssuer, nonce.Value, bed.Clock.GetUtcNow());
        var response = await client.RequestCredentialAsync(issuer.Metadata, token.Value.AccessToken, new CredentialRequest { CredentialConfigurationId = Configuration, JwtProofs = [proof] });
        Assert.True(response.IsValid, response.Error?.ToString());
        var credential = Assert.Single(response.Value.Credentials!);
        return StatusReference.Read(JsonHelpers.PayloadOf(credential).GetProperty("status")).Value;
    }
}
