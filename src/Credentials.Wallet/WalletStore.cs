using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Wallet.Internal;
using Microsoft.Data.Sqlite;

namespace Credentials.Wallet;

/// <summary>
/// The holder's wallet store: one encrypted SQLite file with credentials (including single-use batches), holder keys and
/// a disclosure log. Thread-safe: any number of concurrent readers and one writer at a time (writes from several threads
/// queue; other processes are waited for up to <see cref="WalletOptions.BusyTimeout"/>). Dispose it to close the file and
/// zero the keys held in memory.
/// </summary>
/// <remarks>
/// The file format, cryptography and threat model are in <c>specs/wallet.md</c>. The store keeps what it is given: it does
/// not parse or verify credentials. Callers validate a credential (signature, <c>cnf</c>, type metadata) and then call
/// <see cref="ImportAsync"/> with its metadata. Results never throw for anything the file contains; exceptions are for
/// programmer errors only.
/// </remarks>
public sealed partial class WalletStore : IDisposable
{
    private readonly string _connectionString;
    private readonly WalletOptions _options;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    // Metadata records already decrypted, by credential id with the ciphertext they came from: listing reuses a record
    // only while the stored bytes are identical. Replaced as a whole after each full listing.
    private volatile Dictionary<string, OpenedMetadata> _openedMetadata = new(StringComparer.Ordinal);

    // The last full list with the file's data version it was read at (PRAGMA data_version on one connection kept for
    // that purpose, which changes after any commit by any other connection or process): while it is unchanged the
    // list is answered without reading a row.
    private readonly Lock _versionLock = new();
    private SqliteConnection? _versionConnection;
    private volatile SummaryList? _summaries;
    private readonly byte[] _dek;
    private readonly RecordCipher _cipher;
    private readonly bool _readOnly;
    private WalletHeader _header;
    private bool _disposed;

    private WalletStore(string path, string connectionString, WalletOptions options, WalletHeader header, byte[] dek, int schemaVersion, bool readOnly = false)
    {
        _connectionString = connectionString;
        _options = options;
        _readOnly = readOnly;
        _header = header;
        _dek = dek;
        _cipher = RecordCipher.FromDek(dek, header.WalletId);
        Info = BuildInfo(path, header, schemaVersion);
    }

    private enum OpenMode
    {
        Open,
        Create,
        OpenOrCreate,
        ReadOnly,
    }

    /// <summary>What the file's header says (protection, KDF parameters, metadata choice, schema version).</summary>
    public WalletInfo Info { get; private set; }

    /// <summary>Creates a new wallet file. Fails with <c>wallet.already_exists</c> when the path holds a wallet already.</summary>
    /// <param name="path">The file path; its folder must exist.</param>
    /// <param name="secret">The passphrase or app key that will protect the wallet.</param>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels before the file is touched.</param>
    /// <returns>The open wallet, or an error.</returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="InvalidOperationException">The options are invalid.</exception>
    public static ValueTask<VerificationResult<WalletStore>> CreateAsync(string path, WalletSecret secret, WalletOptions? options = null, CancellationToken cancellationToken = default) =>
        OpenCoreAsync(path, secret, options, OpenMode.Create, cancellationToken);

    /// <summary>
    /// Opens an existing wallet file. A wrong passphrase or key is reported as <c>wallet.wrong_passphrase</c> or
    /// <c>wallet.wrong_key</c> and leaves the file unchanged.
    /// </summary>
    /// <param name="path">The file path.</param>
    /// <param name="secret">The passphrase or app key.</param>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels before the file is touched.</param>
    /// <returns>The open wallet, or an error.</returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="InvalidOperationException">The options are invalid.</exception>
    public static ValueTask<VerificationResult<WalletStore>> OpenAsync(string path, WalletSecret secret, WalletOptions? options = null, CancellationToken cancellationToken = default) =>
        OpenCoreAsync(path, secret, options, OpenMode.Open, cancellationToken);

    /// <summary>
    /// Opens an existing wallet file for reading only: the file is opened read-only by SQLite, so nothing about it changes
    /// (not its journal mode, not a byte), whatever it contains. For apps that only show or export (a list, a public key).
    /// Every method that would change the wallet throws <see cref="InvalidOperationException"/> on such a store.
    /// </summary>
    /// <param name="path">The file path.</param>
    /// <param name="secret">The passphrase or app key.</param>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels before the file is touched.</param>
    /// <returns>
    /// The open wallet, or an error as for <see cref="OpenAsync"/>; a file of an older schema version, which only a
    /// writable open upgrades, is <c>wallet.unsupported_version</c>.
    /// </returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="InvalidOperationException">The options are invalid.</exception>
    public static ValueTask<VerificationResult<WalletStore>> OpenReadOnlyAsync(string path, WalletSecret secret, WalletOptions? options = null, CancellationToken cancellationToken = default) =>
        OpenCoreAsync(path, secret, options, OpenMode.ReadOnly, cancellationToken);

    /// <summary>Opens the wallet file, creating it on first use.</summary>
    /// <param name="path">The file path; its folder must exist.</param>
    /// <param name="secret">The passphrase or app key.</param>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels before the file is touched.</param>
    /// <returns>The open wallet, or an error.</returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="InvalidOperationException">The options are invalid.</exception>
    public static ValueTask<VerificationResult<WalletStore>> OpenOrCreateAsync(string path, WalletSecret secret, WalletOptions? options = null, CancellationToken cancellationToken = default) =>
        OpenCoreAsync(path, secret, options, OpenMode.OpenOrCreate, cancellationToken);

    /// <summary>
    /// Re-wraps the data-encryption key under a new passphrase or app key (with a fresh salt and the current
    /// <see cref="WalletOptions.KdfParameters"/>). Records are not re-encrypted; the old secret no longer opens the file.
    /// </summary>
    /// <param name="newSecret">The new passphrase or key.</param>
    /// <param name="cancellationToken">Cancels while waiting for the write lock.</param>
    /// <returns>The new header information, or an error.</returns>
    public async ValueTask<VerificationResult<WalletInfo>> ChangeSecretAsync(WalletSecret newSecret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newSecret);
        var header = KeyWrap.NewHeader(_header.WalletId, newSecret, _options.KdfParameters, _header.MetadataInClear);
        header = header with { WrappedDek = KeyWrap.Wrap(header, newSecret, _dek) };
        var result = await WriteAsync(
            (connection, transaction) =>
            {
                using var command = Rows.Command(connection, transaction, """
                    UPDATE wallet_header SET kdf = $kdf, kdf_salt = $salt, kdf_memory_kib = $m, kdf_passes = $t, kdf_parallelism = $p,
                        wrapped_dek = $dek WHERE id = 1
                    """);
                AddHeaderParameters(command, header);
                return command.ExecuteNonQuery() == 1
                    ? VerificationResult<bool>.Success(true)
                    : new VerificationError(WalletErrors.Corrupt, "The wallet header row is missing.");
            },
            cancellationToken).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return result.Error;
        }

        _header = header;
        Info = BuildInfo(Info.Path, header, Info.SchemaVersion);
        Checkpoint();
        return Info;
    }

    /// <summary>
    /// Rewrites the file without free pages (SQLite <c>VACUUM</c>) and truncates the write-ahead log. Deleted rows are
    /// already overwritten with zeros (<c>secure_delete</c>); this also shrinks the file.
    /// </summary>
    /// <param name="cancellationToken">Cancels while waiting for the write lock.</param>
    /// <returns>Success, or an error.</returns>
    public async ValueTask<VerificationResult<bool>> CompactAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ThrowIfReadOnly();
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = OpenConnection();
            using (var vacuum = Rows.Command(connection, null, "VACUUM"))
            {
                vacuum.ExecuteNonQuery();
            }

            using var checkpoint = Rows.Command(connection, null, "PRAGMA wal_checkpoint(TRUNCATE)");
            checkpoint.ExecuteNonQuery();
            return true;
        }
        catch (SqliteException ex)
        {
            return MapSqlite(ex);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Runs <c>PRAGMA integrity_check</c> (B-tree structure, not record authentication).</summary>
    /// <param name="cancellationToken">Cancels before the check.</param>
    /// <returns><see langword="true"/> when SQLite reports <c>ok</c>; <c>wallet.corrupt</c> otherwise.</returns>
    public ValueTask<VerificationResult<bool>> CheckIntegrityAsync(CancellationToken cancellationToken = default) => ReadAsync(
        connection =>
        {
            using var command = Rows.Command(connection, null, "PRAGMA integrity_check");
            var text = command.ExecuteScalar() as string;
            return string.Equals(text, "ok", StringComparison.Ordinal)
                ? VerificationResult<bool>.Success(true)
                : new VerificationError(WalletErrors.Corrupt, "SQLite integrity_check did not report ok.");
        },
        cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        lock (_versionLock)
        {
            _disposed = true;
            _versionConnection?.Dispose();
            _versionConnection = null;
        }

        _summaries = null;
        _openedMetadata = new(StringComparer.Ordinal);
        _cipher.Dispose();
        CryptographicOperations.ZeroMemory(_dek);
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _writeLock.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"WalletStore({Info.Path})";

    private static WalletInfo BuildInfo(string path, WalletHeader header, int schemaVersion) => new()
    {
        Path = path,
        SchemaVersion = schemaVersion,
        Protection = header.Protection,
        KdfParameters = header.Protection == WalletProtection.Passphrase ? new WalletKdfParameters { MemoryKiB = header.MemoryKiB, Passes = header.Passes } : null,
        SearchMetadataInClear = header.MetadataInClear,
    };

    private static string BuildConnectionString(string path, OpenMode mode, WalletOptions options) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = mode switch
        {
            OpenMode.Open => SqliteOpenMode.ReadWrite,
            OpenMode.ReadOnly => SqliteOpenMode.ReadOnly,
            _ => SqliteOpenMode.ReadWriteCreate,
        },
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        ForeignKeys = true,
        DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
    }.ToString();

    private static SqliteConnection OpenConnection(string connectionString, WalletOptions options)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            // synchronous = EXTRA: with the rollback journal (journal_mode = DELETE, set when the file is opened) a commit
            // is durable once it returns, including the unlink of the journal (specs/wallet.md, "Durability").
            using var command = Rows.Command(connection, null, $"PRAGMA secure_delete = ON; PRAGMA synchronous = EXTRA; PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds};");
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void AddHeaderParameters(SqliteCommand command, WalletHeader header)
    {
        command.Parameters.AddWithValue("$kdf", header.Kdf);
        command.Parameters.AddWithValue("$salt", (object?)header.Salt ?? DBNull.Value);
        command.Parameters.AddWithValue("$m", header.Protection == WalletProtection.Passphrase ? header.MemoryKiB : DBNull.Value);
        command.Parameters.AddWithValue("$t", header.Protection == WalletProtection.Passphrase ? header.Passes : DBNull.Value);
        command.Parameters.AddWithValue("$p", header.Protection == WalletProtection.Passphrase ? header.Parallelism : DBNull.Value);
        command.Parameters.AddWithValue("$dek", header.WrappedDek);
    }

    private static VerificationError MapSqlite(SqliteException ex) => ex.SqliteErrorCode switch
    {
        // SQLITE_FULL: the disk (or the file system's quota) is full; the transaction was rolled back.
        13 => new VerificationError(WalletErrors.DiskFull, "The disk is full: the wallet file could not grow, and nothing was changed."),
        5 or 6 => new VerificationError(WalletErrors.Busy, "The wallet file is locked by another connection."),
        3 or 8 or 10 or 14 or 15 or 22 or 23 => new VerificationError(WalletErrors.IoError, $"The wallet file could not be accessed (SQLite error {ex.SqliteErrorCode})."),
        _ => new VerificationError(WalletErrors.Corrupt, $"The wallet file is not a readable wallet (SQLite error {ex.SqliteErrorCode})."),
    };

    private SqliteConnection OpenConnection() => OpenConnection(_connectionString, _options);

    private ValueTask<VerificationResult<T>> ReadAsync<T>(Func<SqliteConnection, VerificationResult<T>> body, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            using var connection = OpenConnection();
            return ValueTask.FromResult(body(connection));
        }
        catch (SqliteException ex)
        {
            return ValueTask.FromResult(VerificationResult<T>.Failure(MapSqlite(ex)));
        }
    }

    private async ValueTask<VerificationResult<T>> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, VerificationResult<T>> body, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ThrowIfReadOnly();
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = OpenConnection();
            using var transaction = connection.BeginTransaction(deferred: false);
            var result = body(connection, transaction);
            if (result.IsValid)
            {
                transaction.Commit();
            }

            return result;
        }
        catch (SqliteException ex)
        {
            return MapSqlite(ex);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private sealed record OpenedMetadata(byte[] Ciphertext, CredentialMetadataRecord Record);

    private sealed record SummaryList(long DataVersion, CredentialSummary[] All);

    /// <summary>The file's data version as seen by this store's version connection; changes after every commit by another connection.</summary>
    private long ReadDataVersion()
    {
        lock (_versionLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _versionConnection ??= OpenConnection(new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString(), _options);
            using var command = Rows.Command(_versionConnection, null, "PRAGMA data_version");
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// Moves a write-ahead log left by a release that used WAL mode into the main file and truncates it, so removed bytes
    /// do not linger there; a no-op in the rollback-journal mode the store sets. Best effort.
    /// </summary>
    private void Checkpoint()
    {
        try
        {
            using var connection = OpenConnection();
            using var command = Rows.Command(connection, null, "PRAGMA wal_checkpoint(TRUNCATE)");
            command.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // A reader in another process may hold the log; SQLite checkpoints again later.
        }
    }

    private void ThrowIfReadOnly()
    {
        if (_readOnly)
        {
            throw new InvalidOperationException("The wallet was opened with OpenReadOnlyAsync; open it with OpenAsync to change it.");
        }
    }

    private void Fault(string point) => _options.FaultInjection?.Invoke(point);
}
