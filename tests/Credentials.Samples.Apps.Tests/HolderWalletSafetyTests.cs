using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Xunit;
using Xunit.Abstractions;

namespace Credentials.Samples.Apps.Tests;

/// <summary>The wallet never loses a committed credential; damage and a full disk are reported with their codes.</summary>
public sealed class HolderWalletSafetyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task List_SideFilesDeletedAfterImports_ShowsEveryCredential()
    {
        using var bed = new AppTestBed();
        var holderKey = await bed.CreateWalletWithKeyAsync();
        var ids = new[]
        {
            await bed.ImportAsync(await bed.IssueAgeCredentialAsync(holderKey, name: "a.sdjwt")),
            await bed.ImportAsync(await bed.IssueAgeCredentialAsync(holderKey, name: "b.sdjwt")),
            await bed.ImportAsync(await bed.IssueAgeCredentialAsync(holderKey, name: "c.sdjwt")),
        };

        foreach (var suffix in new[] { "-wal", "-shm", "-journal" })
        {
            File.Delete(bed.WalletPath + suffix);
        }

        SqliteConnection.ClearAllPools();
        var json = await bed.HolderJsonAsync("list");
        Assert.Equal(ids, json["credentials"]!.AsArray().Select(c => (string)c!["id"]!));
    }

    [Fact]
    public async Task List_StoredCopyDamaged_ReportsWalletCorruptNotAList()
    {
        using var bed = new AppTestBed();
        var holderKey = await bed.CreateWalletWithKeyAsync();
        await bed.ImportAsync(await bed.IssueAgeCredentialAsync(holderKey, name: "a.sdjwt"));
        var damaged = await bed.ImportAsync(await bed.IssueAgeCredentialAsync(holderKey, name: "b.sdjwt"));
        SqliteConnection.ClearAllPools();
        Execute(bed.WalletPath, $"""
            UPDATE credential_copies SET raw = CAST(substr(raw, 1, length(raw) - 1)
                || CASE WHEN substr(raw, length(raw), 1) = X'00' THEN X'01' ELSE X'00' END AS BLOB)
            WHERE credential_id = '{damaged}'
            """);

        var run = await bed.HolderAsync("list", "--wallet", bed.WalletPath, "--json");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal("wallet.corrupt", run.ErrorCode);
        Assert.Contains(damaged, (string?)run.Json["error"]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Present_UnknownClaim_WalletClaimNotFoundAndNothingLogged()
    {
        using var bed = new AppTestBed();
        var id = await bed.ImportAsync(await bed.IssueAgeCredentialAsync(await bed.CreateWalletWithKeyAsync()));

        var run = await bed.HolderAsync("present", "--wallet", bed.WalletPath, "-c", id, "-d", "no_such_claim", "--aud", "a", "--nonce", "n", "--out", bed.PathOf("p.txt"), "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("wallet.claim_not_found", run.ErrorCode);
        SqliteConnection.ClearAllPools();
        Assert.Equal(0L, Scalar(bed.WalletPath, "SELECT count(*) FROM disclosure_log"));
    }

    [Fact]
    public async Task Present_OutputOnAFullDisk_DiskFullExitCodeFour()
    {
        // /dev/full fails every write with ENOSPC, as a full disk does.
        if (!File.Exists("/dev/full"))
        {
            output.WriteLine("no /dev/full on this system; nothing to check");
            return;
        }

        using var bed = new AppTestBed();
        var id = await bed.ImportAsync(await bed.IssueAgeCredentialAsync(await bed.CreateWalletWithKeyAsync()));

        var run = await bed.HolderAsync("present", "--wallet", bed.WalletPath, "-c", id, "-d", "age_over_20", "--aud", "a", "--nonce", "n", "--out", "/dev/full", "--force", "--json");

        Assert.Equal(ExitCodes.OutputError, run.ExitCode);
        Assert.Equal(CliErrors.DiskFullCode, run.ErrorCode);
    }

    [Fact]
    public async Task Import_WalletOnAFullDisk_WalletDiskFullExitCodeFourAndWalletUnchanged()
    {
        // A real full file system without root: a tiny tmpfs in a user and mount namespace (unshare), exactly as large
        // as the wallet, and the holder app run in there as a child process.
        if (!CanUseTmpfs())
        {
            output.WriteLine("unprivileged user namespaces are not available here; nothing to check");
            return;
        }

        using var bed = new AppTestBed();
        var holderKey = await bed.CreateWalletWithKeyAsync();
        var kept = await bed.ImportAsync(await bed.IssueAgeCredentialAsync(holderKey, name: "a.sdjwt"));
        var credential = await bed.IssueAgeCredentialAsync(holderKey, name: "b.sdjwt");
        SqliteConnection.ClearAllPools();
        var mount = Directory.CreateDirectory(bed.PathOf("full")).FullName;
        var size = (new FileInfo(bed.WalletPath).Length + 4095) / 4096 * 4096;
        var script = bed.Write("full.sh", $"""
            set -e
            mount -t tmpfs -o size={size} tmpfs '{mount}'
            cp '{bed.WalletPath}' '{mount}/wallet.db'
            set +e
            dotnet '{Path.Combine(AppContext.BaseDirectory, "holder.dll")}' import --wallet '{mount}/wallet.db' --trust '{bed.IssuerPublicJwkPath}' '{credential}' --json > '{bed.PathOf("import.json")}'
            echo $? > '{bed.PathOf("import.rc")}'
            cp '{mount}/wallet.db' '{bed.PathOf("after.db")}'
            """);

        var (exit, text) = await RunAsync("unshare", "--user", "--map-root-user", "--mount", "bash", script);

        Assert.True(exit == 0, text);
        var result = File.ReadAllText(bed.PathOf("import.json"));
        Assert.True(File.ReadAllText(bed.PathOf("import.rc")).Trim() == ExitCodes.OutputError.ToString(System.Globalization.CultureInfo.InvariantCulture), result + text);
        Assert.Equal("wallet.disk_full", (string?)System.Text.Json.Nodes.JsonNode.Parse(result)!["error"]!["code"]);
        var after = bed.PathOf("after.db");
        Assert.Equal(1L, Scalar(after, "SELECT count(*) FROM credentials"));
        Assert.Equal(kept, Scalar(after, "SELECT id FROM credentials"));
        Assert.Equal("ok", Scalar(after, "PRAGMA integrity_check"));
    }

    [Theory]
    [InlineData("import")]
    [InlineData("keys", "create")]
    [InlineData("keys", "import")]
    [InlineData("present")]
    public async Task WritingCommand_WalletWithGarbageInItsMiddle_CorruptAndNotOneByteWritten(params string[] command)
    {
        using var bed = new AppTestBed();
        var holderKey = await bed.CreateWalletWithKeyAsync();
        var id = await bed.ImportAsync(await bed.IssueAgeCredentialAsync(holderKey, name: "a.sdjwt"));
        await bed.ImportAsync(await bed.IssueAgeCredentialAsync(holderKey, name: "b.sdjwt"));
        await bed.ImportAsync(await bed.IssueAgeCredentialAsync(holderKey, name: "c.sdjwt"));
        var another = await bed.IssueAgeCredentialAsync(holderKey, name: "d.sdjwt");
        using var key = Credentials.Keys.SigningKey.Create(Credentials.JwsAlgorithm.Es256);
        var privateJwk = bed.Write("key.jwk", key.ExportPrivateJwk().ToJson());
        SqliteConnection.ClearAllPools();
        WriteGarbageInTheMiddle(bed.WalletPath);
        var before = File.ReadAllBytes(bed.WalletPath);

        string[] args = command[0] switch
        {
            "import" => ["import", "--trust", bed.IssuerPublicJwkPath, another],
            "present" => ["present", "-c", id, "-d", "age_over_20", "--aud", "https://shop.example.jp", "--nonce", "n-1", "--out", bed.PathOf("p.txt")],
            _ when command[1] == "create" => ["keys", "create"],
            _ => ["keys", "import", "--jwk", privateJwk],
        };
        var run = await bed.HolderAsync([.. args, "--wallet", bed.WalletPath, "--json"]);

        Assert.Equal("wallet.corrupt", run.ErrorCode);
        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, File.ReadAllBytes(bed.WalletPath));
        Assert.False(File.Exists(bed.PathOf("p.txt")));

        // And reading it says the same.
        Assert.Equal("wallet.corrupt", (await bed.HolderAsync("list", "--wallet", bed.WalletPath, "--json")).ErrorCode);
    }

    [Fact]
    public async Task ReadOnlyCommands_WalletLeftInWalMode_FileNotChanged()
    {
        using var bed = new AppTestBed();
        var holderKey = await bed.CreateWalletWithKeyAsync();
        var id = await bed.ImportAsync(await bed.IssueAgeCredentialAsync(holderKey));
        SqliteConnection.ClearAllPools();
        Assert.Equal("wal", Scalar(bed.WalletPath, "PRAGMA journal_mode = WAL"));
        SqliteConnection.ClearAllPools();
        var before = File.ReadAllBytes(bed.WalletPath);

        await bed.HolderJsonAsync("list");
        await bed.HolderJsonAsync("show", id);
        await bed.HolderJsonAsync("keys", "list");
        await bed.HolderJsonAsync("keys", "export", "--public", "--out", bed.PathOf("again.pub.jwk"));

        SqliteConnection.ClearAllPools();
        Assert.Equal(before, File.ReadAllBytes(bed.WalletPath));
        Assert.Equal("wal", Scalar(bed.WalletPath, "PRAGMA journal_mode"));
    }

    [Theory]
    [InlineData("list")]
    [InlineData("keys", "list")]
    [InlineData("show", "some-id")]
    public async Task ReadOnlyCommand_EmptyWalletFile_CorruptAndStillEmpty(params string[] command)
    {
        using var bed = new AppTestBed();
        File.WriteAllBytes(bed.WalletPath, []);

        var run = await bed.HolderAsync([.. command, "--wallet", bed.WalletPath, "--json"]);

        Assert.Equal("wallet.corrupt", run.ErrorCode);
        Assert.Equal(0, new FileInfo(bed.WalletPath).Length);
    }

    [Theory]
    [InlineData("init")]
    [InlineData("list")]
    [InlineData("keys", "create")]
    public async Task AnyCommand_WalletPathIsADirectory_SaysItIsADirectory(params string[] command)
    {
        using var bed = new AppTestBed();

        var run = await bed.HolderAsync([.. command, "--wallet", bed.Directory, "--json"]);

        Assert.Equal("holder.wallet_is_directory", run.ErrorCode);
        Assert.Equal(ExitCodes.InputError, run.ExitCode);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("1234567")]
    [InlineData("合言葉です")]
    public async Task Init_PassphraseShorterThanTheMinimum_RefusedUnlessWeakPassphrase(string passphrase)
    {
        using var bed = new AppTestBed();
        bed.Environment[Holder.HolderApp.PassphraseVariable] = passphrase;

        var refused = await bed.HolderAsync("init", "--wallet", bed.WalletPath, "--json");

        Assert.Equal("holder.weak_passphrase", refused.ErrorCode);
        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.False(File.Exists(bed.WalletPath));

        var weak = await bed.HolderAsync("init", "--wallet", bed.WalletPath, "--weak-passphrase", "--json");
        Assert.True(weak.ExitCode == 0, weak.ToString());
    }

    [Theory]
    [InlineData("12345678")]
    [InlineData("正しい馬の電池の")]
    public async Task Init_PassphraseOfTheMinimumLength_Accepted(string passphrase)
    {
        using var bed = new AppTestBed();
        bed.Environment[Holder.HolderApp.PassphraseVariable] = passphrase;

        var run = await bed.HolderAsync("init", "--wallet", bed.WalletPath, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    // 4 KiB of a fixed pattern across the middle of the file, as a bad sector or a careless tool would leave.
    private static void WriteGarbageInTheMiddle(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = (stream.Length / 2) - 2048;
        var garbage = new byte[4096];
        for (var i = 0; i < garbage.Length; i++)
        {
            garbage[i] = unchecked((byte)((i * 37) + 11));
        }

        stream.Write(garbage);
    }

    private static bool CanUseTmpfs()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            var (exit, _) = RunAsync("unshare", "--user", "--map-root-user", "--mount", "sh", "-c", "mount -t tmpfs -o size=4k tmpfs /mnt").GetAwaiter().GetResult();
            return exit == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[Holder.HolderApp.PassphraseVariable] = AppTestBed.Passphrase;
        start.Environment[UiLanguages.OverrideVariable] = "en";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await stdout + await stderr);
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadWrite }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
