using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace Credentials.Wallet.Tests.Storage;

/// <summary>
/// Kills a real process in the middle of an import transaction. The child is this test assembly started with
/// <c>dotnet exec</c> (see <see cref="CrashHelper"/>); it blocks at a fault point after hundreds of copies were written
/// inside the open transaction (enough to spill uncommitted pages into the main file, with the original pages in the
/// rollback journal), and the parent kills it with SIGKILL. Reopening must roll the hot journal back and show exactly the
/// old state and a sound file.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ImportAsync_ProcessKilledMidTransaction_ReopenShowsExactlyOldState()
    {
        using var temp = new TempWallet();
        using var key = WalletKey.Create();
        string oldId;
        using (var store = await temp.CreateAsync(secret: WalletSecret.FromKey(key)))
        {
            oldId = (await store.ImportAsync(Samples.Input("old-credential"))).Value;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        const int copies = 800;
        const int killAt = 700;
        var assembly = typeof(CrashHelper).Assembly.Location;
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "exec", assembly, CrashHelper.Mode, temp.Path, Convert.ToHexString(key.Export()), copies.ToString(), killAt.ToString(), "6000" })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var line = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(120));
        Assert.True(line == "READY", $"child said '{line}': {(child.HasExited ? await child.StandardError.ReadToEndAsync() : string.Empty)}");
        var fileBytes = new FileInfo(temp.Path).Length;
        var journalExists = File.Exists(temp.Path + "-journal");
        output.WriteLine($"the wallet file holds {fileBytes} bytes, uncommitted pages included, when the child is killed");
        child.Kill(entireProcessTree: true);
        await child.WaitForExitAsync();
        Assert.True(fileBytes > 1024 * 1024, "the uncommitted transaction should have spilled into the main file");
        Assert.True(journalExists, "the rollback journal should hold the original pages");

        using var reopened = await temp.OpenAsync(secret: WalletSecret.FromKey(key));
        Assert.False(File.Exists(temp.Path + "-journal"));
        Assert.True(new FileInfo(temp.Path).Length < fileBytes);
        Assert.True((await reopened.CheckIntegrityAsync()).Value);
        var list = (await reopened.ListAsync()).Value;
        Assert.Equal([oldId], list.Select(s => s.Id));
        Assert.Equal("old-credential", (await reopened.GetAsync(oldId)).Value.Raw);
        Assert.Equal(1L, temp.Scalar("SELECT count(*) FROM credential_copies"));
        Assert.Equal("ok", temp.Scalar("PRAGMA integrity_check"));
        Assert.Equal(0L, temp.Scalar("SELECT count(*) FROM pragma_foreign_key_check"));
        // And the wallet keeps working.
        Assert.True((await reopened.ImportAsync(Samples.Batch([new CredentialCopyInput("after-crash")]))).IsValid);
    }
}
