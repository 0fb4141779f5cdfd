using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Wallet.Internal;
using Microsoft.Data.Sqlite;

namespace Credentials.Wallet;

/// <content>Creating and opening wallet files.</content>
public sealed partial class WalletStore
{
    private static ValueTask<VerificationResult<WalletStore>> OpenCoreAsync(string path, WalletSecret secret, WalletOptions? options, OpenMode mode, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(secret);
        options ??= new WalletOptions();
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var fullPath = Path.GetFullPath(path);
        return ValueTask.FromResult(OpenCore(fullPath, secret, options, mode));
    }

    private static VerificationResult<WalletStore> OpenCore(string path, WalletSecret secret, WalletOptions options, OpenMode mode)
    {
        var exists = File.Exists(path);
        if (!exists && mode is OpenMode.Open or OpenMode.ReadOnly)
        {
            return new VerificationError(WalletErrors.FileNotFound, "There is no wallet file at the path.");
        }

        if (exists && mode == OpenMode.Create)
        {
            return new VerificationError(WalletErrors.AlreadyExists, "A file already exists at the path.");
        }

        var connectionString = BuildConnectionString(path, mode, options);
        try
        {
            if (mode is OpenMode.Create or OpenMode.OpenOrCreate)
            {
                var created = TryCreate(path, connectionString, secret, options, out var store);
                if (!created.IsValid || store is not null)
                {
                    return created.IsValid ? store! : created.Error;
                }

                if (mode == OpenMode.Create)
                {
                    return new VerificationError(WalletErrors.AlreadyExists, "A wallet already exists at the path.");
                }
            }

            return OpenExisting(path, connectionString, secret, options, readOnly: mode == OpenMode.ReadOnly);
        }
        catch (SqliteException ex)
        {
            ClearPool(connectionString);
            return MapSqlite(ex);
        }
    }

    /// <summary>Creates the schema and header in one transaction when the database is empty; otherwise leaves it alone.</summary>
    private static VerificationResult<bool> TryCreate(string path, string connectionString, WalletSecret secret, WalletOptions options, out WalletStore? store)
    {
        store = null;
        using var connection = OpenConnection(connectionString, options);
        SetJournalMode(connection);

        using var transaction = connection.BeginTransaction(deferred: false);
        using (var count = Rows.Command(connection, transaction, "SELECT count(*) FROM sqlite_master"))
        {
            if (Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0)
            {
                return true;
            }
        }

        WalletSchema.Migrate(connection, transaction, 0);
        var dek = GC.AllocateArray<byte>(RecordCipher.DekSize, pinned: true);
        RandomNumberGenerator.Fill(dek);
        var header = KeyWrap.NewHeader(RandomNumberGenerator.GetBytes(16), secret, options.KdfParameters, options.StoreSearchMetadataInClear);
        header = header with { WrappedDek = KeyWrap.Wrap(header, secret, dek) };
        using (var insert = Rows.Command(connection, transaction, """
            INSERT INTO wallet_header (id, magic, wallet_id, kdf, kdf_salt, kdf_memory_kib, kdf_passes, kdf_parallelism, metadata_in_clear, wrapped_dek)
            VALUES (1, $magic, $wid, $kdf, $salt, $m, $t, $p, $clear, $dek)
            """))
        {
            insert.Parameters.AddWithValue("$magic", WalletHeader.Magic);
            insert.Parameters.AddWithValue("$wid", header.WalletId);
            insert.Parameters.AddWithValue("$clear", header.MetadataInClear ? 1 : 0);
            AddHeaderParameters(insert, header);
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        store = new WalletStore(path, connectionString, options, header, dek, WalletSchema.CurrentVersion);
        return true;
    }

    private static VerificationResult<WalletStore> OpenExisting(string path, string connectionString, WalletSecret secret, WalletOptions options, bool readOnly)
    {
        int version;
        WalletHeader header;
        using (var connection = OpenConnection(connectionString, options))
        {
            if (!readOnly)
            {
                SetJournalMode(connection);
            }

            using var transaction = connection.BeginTransaction(deferred: true);
            var versionResult = ReadSchemaVersion(connection, transaction);
            if (!versionResult.IsValid)
            {
                ClearPool(connectionString);
                return versionResult.Error;
            }

            version = versionResult.Value;
            var headerResult = ReadHeader(connection, transaction, options);
            if (!headerResult.IsValid)
            {
                ClearPool(connectionString);
                return headerResult.Error;
            }

            header = headerResult.Value;
        }

        if (header.Protection != secret.Protection)
        {
            ClearPool(connectionString);
            return new VerificationError(WalletErrors.ProtectionMismatch, header.Protection == WalletProtection.Passphrase ? "The wallet is protected by a passphrase, not an app key." : "The wallet is protected by an app key, not a passphrase.");
        }

        var dek = GC.AllocateArray<byte>(RecordCipher.DekSize, pinned: true);
        if (!KeyWrap.TryUnwrap(header, secret, dek))
        {
            CryptographicOperations.ZeroMemory(dek);
            ClearPool(connectionString);
            return secret.Protection == WalletProtection.Passphrase
                ? new VerificationError(WalletErrors.WrongPassphrase, "The passphrase does not open this wallet.")
                : new VerificationError(WalletErrors.WrongKey, "The key does not open this wallet.");
        }

        if (version < WalletSchema.CurrentVersion && readOnly)
        {
            CryptographicOperations.ZeroMemory(dek);
            ClearPool(connectionString);
            return new VerificationError(WalletErrors.UnsupportedVersion, $"The wallet has schema version {version}; it is upgraded to {WalletSchema.CurrentVersion} when it is opened for writing, not read-only.");
        }

        if (version < WalletSchema.CurrentVersion)
        {
            using var connection = OpenConnection(connectionString, options);
            using var transaction = connection.BeginTransaction(deferred: false);
            WalletSchema.Migrate(connection, transaction, version);
            transaction.Commit();
            version = WalletSchema.CurrentVersion;
        }

        return new WalletStore(path, connectionString, options, header, dek, version, readOnly);
    }

    private static VerificationResult<int> ReadSchemaVersion(SqliteConnection connection, SqliteTransaction transaction)
    {
        using (var exists = Rows.Command(connection, transaction, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('schema_version', 'wallet_header')"))
        {
            if (Convert.ToInt64(exists.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 2)
            {
                return new VerificationError(WalletErrors.Corrupt, "The file is not a wallet (no schema_version or wallet_header table).");
            }
        }

        using var command = Rows.Command(connection, transaction, "SELECT max(version) FROM schema_version");
        var value = command.ExecuteScalar();
        if (value is not long version || version < 1)
        {
            return new VerificationError(WalletErrors.Corrupt, "The wallet's schema version is missing.");
        }

        if (version > WalletSchema.CurrentVersion)
        {
            return new VerificationError(WalletErrors.UnsupportedVersion, $"The wallet has schema version {version}; this release reads up to {WalletSchema.CurrentVersion}.");
        }

        return (int)version;
    }

    private static VerificationResult<WalletHeader> ReadHeader(SqliteConnection connection, SqliteTransaction transaction, WalletOptions options)
    {
        using var command = Rows.Command(connection, transaction, """
            SELECT magic, wallet_id, kdf, kdf_salt, kdf_memory_kib, kdf_passes, kdf_parallelism, metadata_in_clear, wrapped_dek
            FROM wallet_header WHERE id = 1
            """);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return new VerificationError(WalletErrors.Corrupt, "The wallet header row is missing.");
        }

        var magic = Rows.Text(reader, 0);
        var walletId = Rows.Blob(reader, 1);
        var kdf = Rows.Text(reader, 2);
        var wrapped = Rows.Blob(reader, 8);
        var clear = Rows.Integer(reader, 7);
        if (!string.Equals(magic, WalletHeader.Magic, StringComparison.Ordinal) || walletId is not { Length: 16 } || wrapped is null || clear is not (0 or 1))
        {
            return new VerificationError(WalletErrors.Corrupt, "The wallet header is malformed.");
        }

        if (string.Equals(kdf, WalletHeader.KdfAppKey, StringComparison.Ordinal))
        {
            return new WalletHeader { WalletId = walletId, Kdf = WalletHeader.KdfAppKey, MetadataInClear = clear == 1, WrappedDek = wrapped };
        }

        if (!string.Equals(kdf, WalletHeader.KdfArgon2id, StringComparison.Ordinal))
        {
            return new VerificationError(WalletErrors.UnsupportedVersion, "The wallet uses a key protection this release does not know.");
        }

        var salt = Rows.Blob(reader, 3);
        var memory = Rows.Integer(reader, 4);
        var passes = Rows.Integer(reader, 5);
        var parallelism = Rows.Integer(reader, 6);
        if (salt is not { Length: KeyWrap.SaltSize } || memory is null || passes is null || parallelism != 1 || memory < WalletKdfParameters.MinMemoryKiB || passes < 1)
        {
            return new VerificationError(WalletErrors.Corrupt, "The wallet's Argon2id parameters are malformed.");
        }

        if (memory > options.MaxKdfMemoryKiB || passes > options.MaxKdfPasses)
        {
            return new VerificationError(WalletErrors.KdfLimitsExceeded, $"The wallet asks for Argon2id with {memory} KiB and {passes} passes, beyond the configured limits.");
        }

        return new WalletHeader
        {
            WalletId = walletId,
            Kdf = WalletHeader.KdfArgon2id,
            Salt = salt,
            MemoryKiB = memory.Value,
            Passes = passes.Value,
            Parallelism = 1,
            MetadataInClear = clear == 1,
            WrappedDek = wrapped,
        };
    }

    /// <summary>
    /// The rollback journal (<c>journal_mode = DELETE</c>): a committed transaction is in the main file when the commit
    /// returns, so no side file ever holds committed data (a write-ahead log did, until a checkpoint, and deleting it
    /// lost those commits). A file a release in WAL mode left behind is converted here; the switch folds its log into
    /// the main file first. If another connection still holds the file in WAL mode the switch waits for a later open.
    /// </summary>
    private static void SetJournalMode(SqliteConnection connection)
    {
        using var command = Rows.Command(connection, null, "PRAGMA journal_mode = DELETE");
        command.ExecuteNonQuery();
    }

    private static void ClearPool(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
