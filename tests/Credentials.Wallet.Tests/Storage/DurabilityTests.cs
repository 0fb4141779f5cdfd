using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Credentials.Wallet.Tests.Storage;

/// <summary>
/// The wallet never loses a committed credential: committed data lives in the main file only (rollback journal,
/// specs/wallet.md "Durability"), damage is reported where credentials are listed, a full disk is its own code.
/// </summary>
public sealed class DurabilityTests
{
    private static readonly string[] s_sideFiles = ["-wal", "-shm", "-journal"];

    [Fact]
    public async Task ImportAsync_SideFilesDeletedWhileStoreOpen_ReopenLosesNothing()
    {
        using var temp = new TempWallet();
        string[] ids;
        using (var store = await temp.CreateAsync())
        {
            ids = new string[3];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = (await store.ImportAsync(Samples.Input(Samples.Opaque()))).Value;
            }

            // What a crash, a sync tool or a careless user may do to the files next to the wallet, with the store open.
            foreach (var suffix in s_sideFiles)
            {
                File.Delete(temp.Path + suffix);
            }
        }

        SqliteConnection.ClearAllPools();
        using var reopened = await temp.OpenAsync();
        Assert.Equal(ids, (await reopened.ListAsync()).Value.Select(s => s.Id));
        Assert.Equal(3, (await reopened.AuthenticateRecordsAsync()).Value);
        Assert.True((await reopened.CheckIntegrityAsync()).Value);
    }

    [Fact]
    public async Task ImportAsync_OnlyMainFileKeptWhileStoreOpen_CopyHoldsEveryCommittedCredential()
    {
        // A process killed with the wallet open, then its side files lost (or a backup that copies wallet.db alone):
        // the main file by itself must hold every committed import.
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        var ids = new string[3];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = (await store.ImportAsync(Samples.Input(Samples.Opaque()))).Value;
        }

        var copy = Path.Combine(temp.Folder, "copy.db");
        using (var source = new FileStream(temp.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var target = File.Create(copy))
        {
            source.CopyTo(target);
        }

        var opened = await WalletStore.OpenAsync(copy, TempWallet.Passphrase, TempWallet.FastOptions);
        Assert.True(opened.IsValid, opened.Error?.ToString());
        using var reopened = opened.Value;
        Assert.Equal(ids, (await reopened.ListAsync()).Value.Select(s => s.Id));
        Assert.Equal(3, (await reopened.AuthenticateRecordsAsync()).Value);
    }

    [Fact]
    public async Task ImportAsync_SideFilesTruncatedAfterClose_ReopenLosesNothing()
    {
        using var temp = new TempWallet();
        string id;
        using (var store = await temp.CreateAsync())
        {
            id = (await store.ImportAsync(Samples.Input("kept-credential"))).Value;
            await store.RecordPresentationAsync(new PresentationRecord { Verifier = "https://verifier.example.jp", Credentials = [] });
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in s_sideFiles)
        {
            File.WriteAllBytes(temp.Path + suffix, []);
        }

        using var reopened = await temp.OpenAsync();
        Assert.Equal("kept-credential", (await reopened.GetAsync(id)).Value.Raw);
        Assert.Single((await reopened.GetDisclosureLogAsync()).Value);
    }

    [Fact]
    public async Task OpenAsync_WalletLeftInWalMode_ConvertedWithItsCommittedData()
    {
        using var temp = new TempWallet();
        string id;
        using (var store = await temp.CreateAsync())
        {
            id = (await store.ImportAsync(Samples.Input("from-a-wal-wallet"))).Value;
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal("wal", temp.Scalar("PRAGMA journal_mode = WAL"));

        using (var reopened = await temp.OpenAsync())
        {
            Assert.Equal("from-a-wal-wallet", (await reopened.GetAsync(id)).Value.Raw);
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal("delete", temp.Scalar("PRAGMA journal_mode"));
        Assert.False(File.Exists(temp.Path + "-wal"));
    }

    [Fact]
    public async Task AuthenticateRecordsAsync_CopyAltered_ReportsCorrupt()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        await store.ImportAsync(Samples.Input(Samples.Opaque()));
        var damaged = (await store.ImportAsync(Samples.Input(Samples.Opaque()))).Value;
        Assert.Equal(2, (await store.AuthenticateRecordsAsync()).Value);

        // Change the last byte of the copy's ciphertext (its authentication tag).
        temp.Execute($"""
            UPDATE credential_copies SET raw = CAST(substr(raw, 1, length(raw) - 1)
                || CASE WHEN substr(raw, length(raw), 1) = X'00' THEN X'01' ELSE X'00' END AS BLOB)
            WHERE credential_id = '{damaged}'
            """);

        var result = await store.AuthenticateRecordsAsync();

        Assert.False(result.IsValid);
        Assert.Equal(WalletErrors.Corrupt, result.Error!.Code);
        Assert.Contains(damaged, result.Error.Message, System.StringComparison.Ordinal);
        // The cheap list (metadata only) does not see it: that is why a listing app authenticates.
        Assert.True((await store.ListAsync()).IsValid);
    }

    [Fact]
    public async Task AuthenticateRecordsAsync_MetadataSwappedBetweenCredentials_ReportsCorrupt()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        var a = (await store.ImportAsync(Samples.Input(Samples.Opaque()))).Value;
        var b = (await store.ImportAsync(Samples.Input(Samples.Opaque()))).Value;

        temp.Execute($"UPDATE credentials SET metadata = (SELECT metadata FROM credentials WHERE id = '{b}') WHERE id = '{a}'");

        Assert.Equal(WalletErrors.Corrupt, (await store.AuthenticateRecordsAsync()).Error!.Code);
    }

    [Fact]
    public async Task AuthenticateRecordsAsync_UsedCopiesErased_StillAuthentic()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        var id = (await store.ImportAsync(Samples.Batch([new CredentialCopyInput(Samples.Opaque()), new CredentialCopyInput(Samples.Opaque())]))).Value;
        await store.TakeUnusedCopyAsync(id);

        Assert.Equal(1, (await store.AuthenticateRecordsAsync()).Value);
    }

    [Fact]
    public async Task ImportAsync_DiskFull_DiskFullCodeAndNothingStored()
    {
        using var temp = new TempWallet();
        var options = TempWallet.FastOptions with
        {
            // What SQLite reports when a write hits a full disk (SQLITE_FULL, "database or disk is full").
            FaultInjection = point =>
            {
                if (point == "import:copy:1")
                {
                    throw new SqliteException("database or disk is full", 13);
                }
            },
        };
        using var store = await temp.CreateAsync(options);

        var result = await store.ImportAsync(Samples.Input(Samples.Opaque()));

        Assert.Equal(WalletErrors.DiskFull, result.Error!.Code);
        Assert.Empty((await store.ListAsync()).Value);
        Assert.Equal(0L, temp.Scalar("SELECT count(*) FROM credential_copies"));
    }
}
