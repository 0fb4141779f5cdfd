using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Credentials.AspNetCore;
using Credentials.OpenId4Vci;
using Credentials.Samples;
using Credentials.Samples.Web;
using Credentials.Samples.Web.Desk;
using Credentials.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Browser.Tests.Web.Desk;

/// <summary>
/// A fresh offer made while a wallet redeems the old one: the credential signed for the old offer is revoked and
/// withheld (no credential is out that the desk could not revoke), and of two fresh offers made at once only one is kept.
/// On the desk's classes directly (the app runs for its issuer and status list, without a browser).
/// </summary>
public sealed class DeskRedemptionRaceTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "credentials-web-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private WebApplication? _app;

    private DeskIssuance Desk => _app!.Services.GetRequiredService<DeskIssuance>();

    public async Task InitializeAsync()
    {
        _app = WebApp.Build(new WebAppSettings { DataDirectory = _folder, Port = 0, TimeProvider = _clock, EnvironmentName = "Development" });
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    [Fact]
    public async Task A_credential_for_an_offer_replaced_during_its_redemption_is_revoked_and_withheld()
    {
        var offer = await OfferOneAsync();
        var oldSubject = offer.Row.OfferSubject;

        // The wallet's Credential Request passes the dataset callback with the old offer …
        Assert.NotNull(await Desk.ResolveDatasetAsync(Context(oldSubject), default));

        // … staff make a fresh offer before the credential is recorded …
        Assert.Equal(DeskReofferOutcome.Made, (await Desk.ReofferAsync(offer.Row.Id, withPin: true)).Outcome);

        // … and the issued credential's report finds no row under the old offer: it is revoked and the request fails.
        var lists = _app!.Services.GetRequiredService<StatusListIssuer>();
        var reference = await lists.TryAllocateAsync(_app.Services.GetRequiredService<SampleIssuer>().StatusListUri);
        Assert.NotNull(reference);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Desk.RecordIssuedAsync(Issued(oldSubject, reference)));

        Assert.Equal(StatusValue.Invalid, await lists.GetStatusAsync(reference));
        var row = (await Desk.Store.GetAsync(offer.Row.Id))!;
        Assert.Equal(DeskRowState.Offered, row.State);
        Assert.NotEqual(oldSubject, row.OfferSubject);
        Assert.Null(row.StatusIndex);
    }

    [Fact]
    public async Task A_credential_for_the_current_offer_is_recorded()
    {
        var offer = await OfferOneAsync();
        var lists = _app!.Services.GetRequiredService<StatusListIssuer>();
        var reference = await lists.TryAllocateAsync(_app.Services.GetRequiredService<SampleIssuer>().StatusListUri);

        await Desk.RecordIssuedAsync(Issued(offer.Row.OfferSubject, reference!));

        var row = (await Desk.Store.GetAsync(offer.Row.Id))!;
        Assert.Equal(DeskRowState.Redeemed, row.State);
        Assert.Equal(reference!.Index, row.StatusIndex);
        Assert.Equal(StatusValue.Valid, await lists.GetStatusAsync(reference));
    }

    [Fact]
    public async Task Of_two_fresh_offers_replacing_the_same_offer_only_the_first_is_kept()
    {
        var offer = await OfferOneAsync();
        var store = Desk.Store;

        // Both requests read the row under its first offer; the second swap finds that offer gone.
        Assert.True(await store.ReplaceOfferAsync(offer.Row.Id, offer.Row.OfferSubject, "openid-credential-offer://?a", "subject-a", true, DateTimeOffset.UnixEpoch));
        Assert.False(await store.ReplaceOfferAsync(offer.Row.Id, offer.Row.OfferSubject, "openid-credential-offer://?b", "subject-b", true, DateTimeOffset.UnixEpoch));
        Assert.Equal("subject-a", (await store.GetAsync(offer.Row.Id))!.OfferSubject);

        // Through the desk: a fresh offer replaces the current one; a redeemed row gets none.
        var made = await Desk.ReofferAsync(offer.Row.Id, withPin: true);
        Assert.Equal(DeskReofferOutcome.Made, made.Outcome);
        Assert.Matches("^[0-9]{6}$", made.Offer!.Pin);
        Assert.True(await store.MarkRedeemedAsync(made.Offer.Row.OfferSubject, DateTimeOffset.UnixEpoch, null, null));
        var refused = await Desk.ReofferAsync(offer.Row.Id, withPin: true);
        Assert.Equal(DeskReofferOutcome.NotOffered, refused.Outcome);
        Assert.Null(refused.Offer);
    }

    private async Task<DeskOffer> OfferOneAsync()
    {
        var read = DeskCsvReader.Read(Encoding.UTF8.GetBytes(DeskWallet.SampleCsv), Samples.JapanTime.Today(_clock));
        return Assert.Single(await Desk.OfferAsync(read.Rows, withPin: true));
    }

    private static CredentialIssuanceContext Context(string subject) => new()
    {
        CredentialConfigurationId = "ipa-exam",
        Vct = new IpaExamCredentialType().Vct,
        SubjectId = subject,
        HolderKeys = [],
    };

    private static CredentialIssuedContext Issued(string subject, StatusReference reference) => new()
    {
        HttpContext = new DefaultHttpContext(),
        CredentialConfigurationId = "ipa-exam",
        SubjectId = subject,
        Count = 1,
        StatusReferences = [reference],
    };
}
