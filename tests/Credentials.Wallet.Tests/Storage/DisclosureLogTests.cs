using System;
using System.Threading.Tasks;
using Credentials.SdJwt;
using Credentials.Testing;
using Xunit;

namespace Credentials.Wallet.Tests.Storage;

public sealed class DisclosureLogTests
{
    private static PresentationRecord Record(string verifier, DateTimeOffset time) => new()
    {
        Verifier = verifier,
        Audience = verifier,
        Time = time,
        Credentials =
        [
            new DisclosedCredential
            {
                CredentialId = "cred-1",
                Vct = Samples.Vct,
                QueryId = "pid",
                Claims = [new DisclosedClaim(ClaimPath.Of("age_over_20"), "true"), new DisclosedClaim(ClaimPath.Of("address", "region"), "\"東京都\"")],
            },
        ],
    };

    [Fact]
    public async Task RecordPresentationAsync_DefaultOptions_LogsPathsNotValues()
    {
        using var temp = new TempWallet();
        var t1 = new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);
        using (var store = await temp.CreateAsync())
        {
            var entry = (await store.RecordPresentationAsync(Record("https://bar.example.jp", t1))).Value;
            Assert.Null(entry.Credentials[0].Claims[0].ValueJson);
            await store.RecordPresentationAsync(Record("https://shop.example.jp", t1.AddHours(1)));
        }

        using var reopened = await temp.OpenAsync();
        var log = (await reopened.GetDisclosureLogAsync()).Value;
        Assert.Equal(2, log.Count);
        Assert.Equal("https://bar.example.jp", log[0].Verifier);
        Assert.Equal(t1, log[0].Time);
        Assert.Equal("https://shop.example.jp", log[1].Verifier);
        var credential = Assert.Single(log[0].Credentials);
        Assert.Equal("cred-1", credential.CredentialId);
        Assert.Equal("pid", credential.QueryId);
        Assert.Equal([ClaimPath.Of("age_over_20"), ClaimPath.Of("address", "region")], [credential.Claims[0].Path, credential.Claims[1].Path]);
        Assert.All(credential.Claims, c => Assert.Null(c.ValueJson));
        Assert.False(temp.FileContains("東京都"));
    }

    [Fact]
    public async Task RecordPresentationAsync_LogClaimValuesOptIn_KeepsValuesEncrypted()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync(TempWallet.FastOptions with { LogClaimValues = true });
        await store.RecordPresentationAsync(Record("https://bar.example.jp", DateTimeOffset.UnixEpoch));

        var entry = Assert.Single((await store.GetDisclosureLogAsync()).Value);
        Assert.Equal("\"東京都\"", entry.Credentials[0].Claims[1].ValueJson);
        Assert.False(temp.FileContains("東京都"));
        Assert.False(temp.FileContains("https://bar.example.jp"));
    }

    [Fact]
    public async Task RecordPresentationAsync_NoTime_UsesWalletClock()
    {
        using var temp = new TempWallet();
        var now = new DateTimeOffset(2026, 7, 7, 7, 7, 7, TimeSpan.Zero);
        using var store = await temp.CreateAsync(TempWallet.FastOptions with { TimeProvider = TestClock.At(now) });
        var entry = (await store.RecordPresentationAsync(Record("v", now) with { Time = null })).Value;
        Assert.Equal(now, entry.Time);
    }

    [Fact]
    public async Task ClearDisclosureLogAsync_Entries_AllGone()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        await store.RecordPresentationAsync(Record("a", DateTimeOffset.UnixEpoch));
        await store.RecordPresentationAsync(Record("b", DateTimeOffset.UnixEpoch));
        Assert.Equal(2, (await store.ClearDisclosureLogAsync()).Value);
        Assert.Empty((await store.GetDisclosureLogAsync()).Value);
    }

    [Fact]
    public async Task GetDisclosureLogAsync_EntriesReordered_Corrupt()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        await store.RecordPresentationAsync(Record("a", DateTimeOffset.UnixEpoch));
        await store.RecordPresentationAsync(Record("b", DateTimeOffset.UnixEpoch));
        temp.Execute("UPDATE disclosure_log SET seq = seq + 10");
        Assert.Equal(WalletErrors.Corrupt, (await store.GetDisclosureLogAsync()).Error!.Code);
    }

    [Fact]
    public async Task RecordPresentationAsync_EmptyVerifier_Throws()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.RecordPresentationAsync(Record(string.Empty, DateTimeOffset.UnixEpoch)));
    }

}
