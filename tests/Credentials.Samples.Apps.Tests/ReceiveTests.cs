using System;
using System.Threading.Tasks;
using Credentials.OpenId4Vci;
using Credentials.Protocols;
using Credentials.SdJwt;
using Credentials.Testing.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Credentials.Samples.Apps.Tests;

/// <summary><c>holder receive</c> against an OpenID4VCI issuer from Credentials.AspNetCore on loopback.</summary>
public sealed class ReceiveTests
{
    [Fact]
    public async Task Receive_PreAuthorizedOfferWithYes_StoresVerifiedAgeCredential()
    {
        using var bed = new AppTestBed();
        await bed.CreateWalletWithKeyAsync();
        await using var issuer = await StartIssuerAsync(bed);
        var offer = await issuer.Services.GetRequiredService<OpenId4VciIssuer>().CreateOfferAsync(new CredentialOfferRequest { CredentialConfigurationIds = ["age"] });

        var run = await bed.HolderAsync("receive", offer.ByValueLink, "--wallet", bed.WalletPath, "--trust", bed.IssuerPublicJwkPath, "--yes", "--allow-local-network", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(AppTestBed.AgeVct, (string?)run.Json["vct"]);
        var list = await bed.HolderJsonAsync("list", "--lang", "ja");
        Assert.Equal((string?)run.Json["id"], (string?)list["credentials"]![0]!["id"]);
        Assert.Equal(AppTestBed.TypeName("ja-JP"), (string?)list["credentials"]![0]!["displayName"]);
    }

    [Fact]
    public async Task Receive_NoTerminalAndNoYes_ReceivesNothing()
    {
        using var bed = new AppTestBed();
        await bed.CreateWalletWithKeyAsync();
        await using var issuer = await StartIssuerAsync(bed);
        var offer = await issuer.Services.GetRequiredService<OpenId4VciIssuer>().CreateOfferAsync(new CredentialOfferRequest { CredentialConfigurationIds = ["age"] });

        var run = await bed.HolderAsync("receive", offer.ByValueLink, "--wallet", bed.WalletPath, "--trust", bed.IssuerPublicJwkPath, "--allow-local-network", "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("holder.consent_required", run.ErrorCode);
        Assert.Empty((await bed.HolderJsonAsync("list"))["credentials"]!.AsArray());
    }

    /// <summary>An issuer whose identifier is its origin, picked before it starts: another port if that one is taken.</summary>
    private static Task<WebApplication> StartIssuerAsync(AppTestBed bed) => LoopbackPort.OnFreshPortAsync(origin => StartIssuerAsync(bed, origin));

    private static async Task<WebApplication> StartIssuerAsync(AppTestBed bed, string origin)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(origin);
        builder.Services.AddSingleton<IProtocolStateStore>(new InMemoryProtocolStateStore());
        builder.Services.AddOpenId4VciIssuer(_ => new OpenId4VciIssuerOptions
        {
            CredentialIssuer = origin,
            Signer = bed.IssuerKey,
            AllowHttp = true,
            CredentialConfigurations = [new IssuerCredentialConfiguration { Id = "age", Vct = AppTestBed.AgeVct }],
            ResolveDataset = (_, _) => ValueTask.FromResult<CredentialDataset?>(new CredentialDataset
            {
                Claims = SdJwtPayload.Create().Disclosable("age_over_18", true).Disclosable("age_over_20", true).Disclosable("birth_date", "2000-02-29"),
            }),
        });
        var app = builder.Build();
        app.MapOpenId4VciIssuer();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }
}
