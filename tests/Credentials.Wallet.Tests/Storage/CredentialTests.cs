using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.Jose;
using Xunit;

namespace Credentials.Wallet.Tests.Storage;

public sealed class CredentialTests
{
    [Fact]
    public async Task ImportAsync_IssuedSdJwtVc_ListAndGetRoundTrip()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        var key = (await store.CreateHolderKeyAsync(JwsAlgorithm.EdDsa)).Value;
        var issued = await Samples.IssueAsync(key.PublicJwk);

        var id = await store.ImportAsync(Samples.Input(issued.Serialize(), key.Id));

        Assert.True(id.IsValid);
        var summary = Assert.Single((await store.ListAsync()).Value);
        Assert.Equal(id.Value, summary.Id);
        Assert.Equal("dc+sd-jwt", summary.Format);
        Assert.Equal(Samples.Vct, summary.Vct);
        Assert.Equal(Samples.Issuer, summary.Issuer);
        Assert.Equal(new DateTimeOffset(2031, 4, 1, 0, 0, 0, TimeSpan.Zero), summary.ExpiresAt);
        Assert.Equal(CredentialUse.Reusable, summary.Use);
        Assert.Null(summary.RemainingCopies);
        Assert.Equal(1, summary.TotalCopies);
        var stored = (await store.GetAsync(id.Value)).Value;
        Assert.Equal(issued.Serialize(), stored.Raw);
        Assert.Equal(key.Id, stored.HolderKeyId);
    }

    [Fact]
    public async Task ListAsync_DisplayMetadata_ReturnsJaJpAndEnUsNames()
    {
        using var temp = new TempWallet();
        using (var store = await temp.CreateAsync())
        {
            await store.ImportAsync(Samples.Input("raw", displayName: "山田 花子"));
        }

        using var reopened = await temp.OpenAsync();
        var summary = Assert.Single((await reopened.ListAsync()).Value);
        Assert.Equal("山田 花子", summary.DisplayName);
        using var display = JsonDocument.Parse(summary.DisplayMetadataJson!);
        var names = display.RootElement.GetProperty("display").EnumerateArray().ToDictionary(d => d.GetProperty("locale").GetString()!, d => d.GetProperty("name").GetString());
        Assert.Equal("マイナンバー本人確認", names["ja-JP"]);
        Assert.Equal("Japanese PID", names["en-US"]);
    }

    [Fact]
    public async Task ListAsync_Filter_MatchesVctIssuerFormatAndExpiry()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        await store.ImportAsync(Samples.Input("a"));
        await store.ImportAsync(Samples.Input("b") with { Vct = "urn:other", ExpiresAt = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero) });
        await store.ImportAsync(Samples.Input("c") with { Format = "jwt_vc_json", Issuer = "https://other.example" });

        Assert.Equal(3, (await store.ListAsync()).Value.Count);
        Assert.Equal(2, (await store.ListAsync(new CredentialFilter { Vct = Samples.Vct })).Value.Count);
        Assert.Single((await store.ListAsync(new CredentialFilter { Format = "jwt_vc_json" })).Value);
        Assert.Single((await store.ListAsync(new CredentialFilter { Issuer = "https://other.example" })).Value);
        Assert.Equal(2, (await store.ListAsync(new CredentialFilter { ValidAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) })).Value.Count);
    }

    [Fact]
    public async Task ListAsync_AfterEachWrite_ReflectsImportsAndDeletes()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        var first = (await store.ImportAsync(Samples.Input("a"))).Value;
        Assert.Single((await store.ListAsync()).Value);
        Assert.Single((await store.ListAsync()).Value); // answered from the kept list

        await store.ImportAsync(Samples.Input("b"));
        Assert.Equal(2, (await store.ListAsync()).Value.Count);

        Assert.True((await store.DeleteAsync(first)).IsValid);
        var remaining = Assert.Single((await store.ListAsync()).Value);
        Assert.NotEqual(first, remaining.Id);

        // A second instance on the same file sees the writes of the first once it reads.
        using var other = await temp.OpenAsync();
        Assert.Single((await other.ListAsync()).Value);
    }

    [Fact]
    public async Task ListAsync_WritesThroughAnotherInstance_SeenWithoutReopening()
    {
        using var temp = new TempWallet();
        using var first = await temp.CreateAsync();
        using var second = await temp.OpenAsync();
        var a = (await first.ImportAsync(Samples.Input("a"))).Value;
        Assert.Single((await second.ListAsync()).Value);

        await first.ImportAsync(Samples.Input("b"));
        Assert.Equal(2, (await second.ListAsync()).Value.Count);

        Assert.True((await first.DeleteAsync(a)).IsValid);
        Assert.NotEqual(a, Assert.Single((await second.ListAsync()).Value).Id);
    }

    [Fact]
    public async Task ListAsync_MetadataSwappedAfterListing_Corrupt()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        var a = (await store.ImportAsync(Samples.Input("a"))).Value;
        var b = (await store.ImportAsync(Samples.Input("b") with { Vct = "urn:other" })).Value;
        Assert.Equal(2, (await store.ListAsync()).Value.Count);
        var metadataB = (byte[])temp.Scalar($"SELECT metadata FROM credentials WHERE id = '{b}'")!;
        using (var connection = temp.OpenRaw())
        {
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE credentials SET metadata = $mb WHERE id = $a";
            command.Parameters.AddWithValue("$a", a);
            command.Parameters.AddWithValue("$mb", metadataB);
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        // A record opened before is reused only for identical bytes: the moved record is opened, and refused.
        Assert.Equal(WalletErrors.Corrupt, (await store.ListAsync()).Error!.Code);
    }

    [Fact]
    public async Task ListAsync_ClearMetadataOptIn_FiltersInSqlAndWritesClearColumns()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync(TempWallet.FastOptions with { StoreSearchMetadataInClear = true });
        await store.ImportAsync(Samples.Input("a"));
        await store.ImportAsync(Samples.Input("b") with { Vct = "urn:other" });

        Assert.True(store.Info.SearchMetadataInClear);
        Assert.Single((await store.ListAsync(new CredentialFilter { Vct = "urn:other" })).Value);
        Assert.Equal(Samples.Vct, temp.Scalar("SELECT vct FROM credentials ORDER BY rowid LIMIT 1"));
        Assert.Equal(new DateTimeOffset(2031, 4, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), temp.Scalar("SELECT expires_at FROM credentials ORDER BY rowid LIMIT 1"));
    }

    [Fact]
    public async Task ImportAsync_DefaultOptions_ClearColumnsAreNull()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        await store.ImportAsync(Samples.Input("a"));
        Assert.Equal(0L, temp.Scalar("SELECT count(*) FROM credentials WHERE format IS NOT NULL OR vct IS NOT NULL OR issuer IS NOT NULL OR issued_at IS NOT NULL OR expires_at IS NOT NULL OR display_name IS NOT NULL"));
    }

    [Fact]
    public async Task ImportAsync_SameCredentialTwice_DuplicateCredential()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        Assert.True((await store.ImportAsync(Samples.Input("same"))).IsValid);
        var second = await store.ImportAsync(Samples.Input("same"));
        Assert.Equal(WalletErrors.DuplicateCredential, second.Error!.Code);
        Assert.Single((await store.ListAsync()).Value);
    }

    [Fact]
    public async Task ImportAsync_UnknownHolderKey_KeyNotFoundAndNothingStored()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        var result = await store.ImportAsync(Samples.Input("raw", holderKeyId: "no-such-key"));
        Assert.Equal(WalletErrors.KeyNotFound, result.Error!.Code);
        Assert.Empty((await store.ListAsync()).Value);
        Assert.Equal(0L, temp.Scalar("SELECT count(*) FROM credentials"));
    }

    [Fact]
    public async Task ImportAsync_TooLong_TooLarge()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync(TempWallet.FastOptions with { MaxCredentialLength = 100 });
        Assert.Equal(WalletErrors.TooLarge, (await store.ImportAsync(Samples.Input(new string('a', 101)))).Error!.Code);
    }

    [Fact]
    public async Task ImportAsync_ReusableWithTwoCopies_Throws()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        var input = Samples.Input("a") with { Copies = [new CredentialCopyInput("a"), new CredentialCopyInput("b")] };
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.ImportAsync(input));
    }

    [Fact]
    public async Task GetAsync_UnknownId_NotFound()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        Assert.Equal(WalletErrors.NotFound, (await store.GetAsync("nope")).Error!.Code);
        Assert.Equal(WalletErrors.NotFound, (await store.DeleteAsync("nope")).Error!.Code);
        Assert.Equal(WalletErrors.NotFound, (await store.TakeUnusedCopyAsync("nope")).Error!.Code);
    }

    [Fact]
    public async Task DeleteAsync_Stored_GoneAfterReopen()
    {
        using var temp = new TempWallet();
        string id;
        using (var store = await temp.CreateAsync())
        {
            id = (await store.ImportAsync(Samples.Input("to-delete"))).Value;
            await store.ImportAsync(Samples.Input("to-keep"));
            var deleted = await store.DeleteAsync(id);
            Assert.Equal(id, deleted.Value.Id);
            Assert.Equal(Samples.Vct, deleted.Value.Vct);
        }

        using var reopened = await temp.OpenAsync();
        Assert.Equal(WalletErrors.NotFound, (await reopened.GetAsync(id)).Error!.Code);
        Assert.Single((await reopened.ListAsync()).Value);
        Assert.Equal(1L, temp.Scalar("SELECT count(*) FROM credential_copies"));
    }

    [Fact]
    public async Task DeleteAsync_CredentialThenReimport_Allowed()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        var id = (await store.ImportAsync(Samples.Input("again"))).Value;
        await store.DeleteAsync(id);
        Assert.True((await store.ImportAsync(Samples.Input("again"))).IsValid);
    }
}
