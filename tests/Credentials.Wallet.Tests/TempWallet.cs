using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Credentials.Wallet.Tests;

/// <summary>A temporary folder with a wallet file path; deleted on dispose.</summary>
internal sealed class TempWallet : IDisposable
{
    public TempWallet()
    {
        Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "credentials-wallet-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Path = System.IO.Path.Combine(Folder, "wallet.db");
    }

    public string Folder { get; }

    public string Path { get; }

    /// <summary>Cheap Argon2id parameters so tests stay fast; one test checks the defaults.</summary>
    public static WalletOptions FastOptions { get; } = new() { KdfParameters = new WalletKdfParameters { MemoryKiB = 64, Passes = 1 } };

    public static WalletSecret Passphrase { get; } = WalletSecret.FromPassphrase("correct horse battery staple");

    public async Task<WalletStore> CreateAsync(WalletOptions? options = null, WalletSecret? secret = null)
    {
        var result = await WalletStore.CreateAsync(Path, secret ?? Passphrase, options ?? FastOptions);
        Assert.True(result.IsValid, result.Error?.ToString());
        return result.Value;
    }

    public async Task<WalletStore> OpenAsync(WalletOptions? options = null, WalletSecret? secret = null)
    {
        var result = await WalletStore.OpenAsync(Path, secret ?? Passphrase, options ?? FastOptions);
        Assert.True(result.IsValid, result.Error?.ToString());
        return result.Value;
    }

    /// <summary>Every byte of the database, its write-ahead log and shared-memory index.</summary>
    /// <remarks>
    /// A checkpoint can fold the WAL into the database and delete it while we read; then the whole read starts again,
    /// so no byte is missed between the two files.
    /// </remarks>
    public byte[] ReadAllFileBytes()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var bytes = new List<byte>();
                foreach (var file in new[] { Path, Path + "-wal", Path + "-shm", Path + "-journal" })
                {
                    if (File.Exists(file))
                    {
                        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                        using var memory = new MemoryStream();
                        stream.CopyTo(memory);
                        bytes.AddRange(memory.ToArray());
                    }
                }

                return [.. bytes];
            }
            catch (FileNotFoundException) when (attempt < 10)
            {
                // The WAL vanished between the existence check and the open: read everything again.
            }
        }
    }

    public bool FileContains(string text) => Contains(ReadAllFileBytes(), Encoding.UTF8.GetBytes(text));

    public bool FileContains(byte[] needle) => Contains(ReadAllFileBytes(), needle);

    /// <summary>A raw connection to the file (as an attacker or a crash would see it), not pooled.</summary>
    public SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false, Mode = SqliteOpenMode.ReadWrite }.ToString());
        connection.Open();
        return connection;
    }

    public object? Scalar(string sql)
    {
        using var connection = OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public int Execute(string sql)
    {
        using var connection = OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
