using System;
using System.Text;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Testing;
using Xunit;

namespace Credentials.Wallet.Tests.Storage;

public sealed class HolderKeyTests
{
    public static TheoryData<string> Algorithms => new() { "EdDSA", "ES256" };

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task CreateHolderKeyAsync_Algorithm_ListedWithPublicJwkAndSignsVerifiably(string name)
    {
        Assert.True(JwsAlgorithm.TryGet(name, out var algorithm));
        using var temp = new TempWallet();
        var time = new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.FromHours(9));
        using var store = await temp.CreateAsync(TempWallet.FastOptions with { TimeProvider = TestClock.At(time) });

        var created = (await store.CreateHolderKeyAsync(algorithm)).Value;

        Assert.False(created.PublicJwk.HasPrivateKey);
        Assert.Equal(created.PublicJwk.ComputeThumbprint(), created.Thumbprint);
        Assert.Equal(time, created.CreatedAt);
        var listed = Assert.Single((await store.ListHolderKeysAsync()).Value);
        Assert.Equal(created, listed with { PublicJwk = created.PublicJwk });
        Assert.Equal(created.PublicJwk.ToJson(), listed.PublicJwk.ToJson());
        using var signer = (await store.GetSignerAsync(created.Id)).Value;
        Assert.Same(algorithm, signer.Algorithm);
        var data = Encoding.ASCII.GetBytes("header.payload");
        var signature = await signer.SignAsync(data);
        using var verification = VerificationKey.Create(created.PublicJwk);
        Assert.True(verification.Verify(algorithm, data, signature));
    }

    [Fact]
    public async Task FindHolderKeyByThumbprintAsync_CnfThumbprintOrUri_FindsKey()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        await store.CreateHolderKeyAsync(JwsAlgorithm.EdDsa);
        var key = (await store.CreateHolderKeyAsync(JwsAlgorithm.Es256)).Value;

        Assert.Equal(key.Id, (await store.FindHolderKeyByThumbprintAsync(key.PublicJwk.ComputeThumbprint())).Value.Id);
        Assert.Equal(key.Id, (await store.FindHolderKeyByThumbprintAsync(key.PublicJwk.ComputeThumbprintUri())).Value.Id);
        Assert.Equal(WalletErrors.KeyNotFound, (await store.FindHolderKeyByThumbprintAsync("AAAA")).Error!.Code);
    }

    [Fact]
    public async Task ImportHolderKeyAsync_PrivateJwk_SameKeyAndExportRoundTrips()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        using var original = SigningKey.Create(JwsAlgorithm.EdDsa);
        var privateJwk = original.ExportPrivateJwk();

        var imported = (await store.ImportHolderKeyAsync(privateJwk)).Value;

        Assert.Equal(original.PublicJwk.ComputeThumbprint(), imported.Thumbprint);
        var exported = (await store.ExportPrivateKeyUnsafeAsync(imported.Id)).Value;
        Assert.Equal(privateJwk.D, exported.D);
        Assert.Equal(WalletErrors.DuplicateKey, (await store.ImportHolderKeyAsync(privateJwk)).Error!.Code);
    }

    [Fact]
    public async Task ImportHolderKeyAsync_PublicOnlyOrBrokenJwk_InvalidJwk()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        Assert.Equal(KeyErrors.InvalidJwk, (await store.ImportHolderKeyAsync(key.PublicJwk)).Error!.Code);
        Assert.Equal(KeyErrors.InvalidJwk, (await store.ImportHolderKeyAsync(key.ExportPrivateJwk() with { D = "AAAA" })).Error!.Code);
        Assert.Empty((await store.ListHolderKeysAsync()).Value);
    }

    [Fact]
    public async Task GetSignerAsync_UnknownKey_KeyNotFound()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        Assert.Equal(WalletErrors.KeyNotFound, (await store.GetSignerAsync("missing")).Error!.Code);
        Assert.Equal(WalletErrors.KeyNotFound, (await store.GetHolderKeyAsync("missing")).Error!.Code);
        Assert.Equal(WalletErrors.KeyNotFound, (await store.ExportPrivateKeyUnsafeAsync("missing")).Error!.Code);
    }

    [Fact]
    public async Task DeleteHolderKeyAsync_BoundToUnusedCopy_KeyInUseThenDeletableAfterCredentialDeleted()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        var key = (await store.CreateHolderKeyAsync(JwsAlgorithm.EdDsa)).Value;
        var id = (await store.ImportAsync(Samples.Input("bound", key.Id))).Value;

        Assert.Equal(WalletErrors.KeyInUse, (await store.DeleteHolderKeyAsync(key.Id)).Error!.Code);
        await store.DeleteAsync(id);
        Assert.True((await store.DeleteHolderKeyAsync(key.Id)).Value);
        Assert.Empty((await store.ListHolderKeysAsync()).Value);
    }

    [Fact]
    public async Task HolderKeys_Reopen_PrivateKeyStillSigns()
    {
        using var temp = new TempWallet();
        HolderKeyInfo key;
        using (var store = await temp.CreateAsync())
        {
            key = (await store.CreateHolderKeyAsync(JwsAlgorithm.Es256)).Value;
        }

        using var reopened = await temp.OpenAsync();
        using var signer = (await reopened.GetSignerAsync(key.Id)).Value;
        Assert.Equal(key.Thumbprint, signer.PublicJwk.ComputeThumbprint());
    }

    [Fact]
    public async Task CreateHolderKeyAsync_UnsupportedAlgorithm_Throws()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.CreateHolderKeyAsync(JwsAlgorithm.Es256K));
    }

}
