using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;

namespace Credentials.Samples.Web.Desk;

/// <summary>
/// The desk's rows in a SQLite file in the data folder (<c>desk.db</c>): every person uploaded, their offer and its
/// outcome, so the table survives a restart. Thread-safe (one connection per call). Each offer's link is kept protected
/// with the app's Data Protection (purpose <see cref="OfferLinkPurpose"/>): it names the offer, the only input of the key
/// that seals the stored offer and its pre-authorized code, so the database file alone must not give it back.
/// </summary>
public sealed class DeskStore : IDisposable
{
    /// <summary>The database file's name in the data folder.</summary>
    public const string FileName = "desk.db";

    /// <summary>The Data Protection purpose of the offer links kept in the database.</summary>
    public const string OfferLinkPurpose = "desk.offer-link";

    private readonly string _connectionString;
    private readonly IDataProtector _offerLinks;
    private readonly SemaphoreSlim _init = new(1, 1);
    private bool _initialized;

    /// <summary>A store in <paramref name="dataFolder"/>.</summary>
    /// <param name="dataFolder">The app's data folder.</param>
    /// <param name="dataProtection">The app's Data Protection, which protects each offer's link in the database.</param>
    public DeskStore(string dataFolder, IDataProtectionProvider dataProtection)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataFolder);
        ArgumentNullException.ThrowIfNull(dataProtection);
        _offerLinks = dataProtection.CreateProtector(OfferLinkPurpose);
        Directory.CreateDirectory(dataFolder);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataFolder, FileName), Pooling = false }.ToString();
    }

    /// <inheritdoc />
    public void Dispose() => _init.Dispose();

    /// <summary>Adds rows (all or none).</summary>
    public async Task AddAsync(IReadOnlyList<DeskRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO desk_rows (id, certificate_number, display_name, category_code, claims, offer_link, offer_subject, has_pin, offer_expires, created, state)
                VALUES ($id, $number, $name, $category, $claims, $link, $subject, $has_pin, $expires, $created, $state)
                """;
            command.Parameters.AddWithValue("$id", row.Id);
            command.Parameters.AddWithValue("$number", row.CertificateNumber);
            command.Parameters.AddWithValue("$name", row.DisplayName);
            command.Parameters.AddWithValue("$category", row.CategoryCode);
            command.Parameters.AddWithValue("$claims", row.Claims.ToJsonString());
            command.Parameters.AddWithValue("$link", _offerLinks.Protect(row.OfferLink));
            command.Parameters.AddWithValue("$subject", row.OfferSubject);
            command.Parameters.AddWithValue("$has_pin", row.HasPin ? 1 : 0);
            command.Parameters.AddWithValue("$expires", row.OfferExpiresAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$created", row.CreatedAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$state", row.State.ToString());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every row, oldest first.</summary>
    public async Task<IReadOnlyList<DeskRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = Select + " ORDER BY seq";
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The row with <paramref name="id"/>, if any.</summary>
    public async Task<DeskRow?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = Select + " WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        var rows = await ReadAsync(command, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>The row whose current offer has the subject id <paramref name="offerSubject"/>, if any.</summary>
    public async Task<DeskRow?> GetByOfferSubjectAsync(string offerSubject, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = Select + " WHERE offer_subject = $subject";
        command.Parameters.AddWithValue("$subject", offerSubject);
        var rows = await ReadAsync(command, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>
    /// Replaces the offer of a row that is still offered (not redeemed) under <paramref name="previousSubject"/> (a
    /// compare-and-swap); the earlier offer's subject id no longer names the row. <see langword="false"/> when the row
    /// is not offered any more, or its offer was replaced meanwhile (another fresh offer made at the same time).
    /// </summary>
    /// <param name="id">The row.</param>
    /// <param name="previousSubject">The subject id of the offer being replaced, as read before making the new one.</param>
    /// <param name="offerLink">The new offer's link.</param>
    /// <param name="offerSubject">The new offer's subject id.</param>
    /// <param name="hasPin">Whether the new offer needs a PIN.</param>
    /// <param name="expiresAt">When the new offer expires.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<bool> ReplaceOfferAsync(string id, string previousSubject, string offerLink, string offerSubject, bool hasPin, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE desk_rows SET offer_link = $link, offer_subject = $subject, has_pin = $has_pin, offer_expires = $expires WHERE id = $id AND state = $offered AND offer_subject = $previous";
        command.Parameters.AddWithValue("$previous", previousSubject);
        command.Parameters.AddWithValue("$link", _offerLinks.Protect(offerLink));
        command.Parameters.AddWithValue("$subject", offerSubject);
        command.Parameters.AddWithValue("$has_pin", hasPin ? 1 : 0);
        command.Parameters.AddWithValue("$expires", expiresAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$offered", DeskRowState.Offered.ToString());
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>The certificate numbers already on the desk.</summary>
    public async Task<IReadOnlySet<string>> CertificateNumbersAsync(CancellationToken cancellationToken = default)
    {
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in await ListAsync(cancellationToken).ConfigureAwait(false))
        {
            numbers.Add(row.CertificateNumber);
        }

        return numbers;
    }

    /// <summary>
    /// Records the issued credential of the offered row whose current offer has the subject id
    /// <paramref name="offerSubject"/>; <see langword="false"/> when no row is (or still is) offered under it.
    /// </summary>
    public async Task<bool> MarkRedeemedAsync(string offerSubject, DateTimeOffset at, string? statusListUri, long? statusIndex, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE desk_rows SET state = $state, redeemed = $at, status_uri = $uri, status_index = $index WHERE offer_subject = $id AND state = $offered";
        command.Parameters.AddWithValue("$state", DeskRowState.Redeemed.ToString());
        command.Parameters.AddWithValue("$offered", DeskRowState.Offered.ToString());
        command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$uri", (object?)statusListUri ?? DBNull.Value);
        command.Parameters.AddWithValue("$index", (object?)statusIndex ?? DBNull.Value);
        command.Parameters.AddWithValue("$id", offerSubject);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Sets the state of a row that is in <paramref name="from"/>; <see langword="false"/> when it is not.</summary>
    public async Task<bool> SetStateAsync(string id, DeskRowState from, DeskRowState to, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE desk_rows SET state = $to WHERE id = $id AND state = $from";
        command.Parameters.AddWithValue("$to", to.ToString());
        command.Parameters.AddWithValue("$from", from.ToString());
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private const string Select = "SELECT id, certificate_number, display_name, category_code, claims, offer_link, offer_subject, has_pin, offer_expires, created, state, redeemed, status_uri, status_index FROM desk_rows";

    private async Task<IReadOnlyList<DeskRow>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<DeskRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new DeskRow
            {
                Id = reader.GetString(0),
                CertificateNumber = reader.GetString(1),
                DisplayName = reader.GetString(2),
                CategoryCode = reader.GetString(3),
                Claims = JsonNode.Parse(reader.GetString(4))!.AsObject(),
                OfferLink = _offerLinks.Unprotect(reader.GetString(5)),
                OfferSubject = reader.GetString(6),
                HasPin = reader.GetInt64(7) != 0,
                OfferExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
                CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)),
                State = Enum.Parse<DeskRowState>(reader.GetString(10)),
                RedeemedAt = reader.IsDBNull(11) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11)),
                StatusListUri = reader.IsDBNull(12) ? null : reader.GetString(12),
                StatusIndex = reader.IsDBNull(13) ? null : reader.GetInt64(13),
            });
        }

        return rows;
    }

    /// <summary>
    /// A table made by an earlier version kept each offer's PIN in plain text: it is dropped (and the file compacted, so
    /// the values do not linger in free pages); the offer's subject id was then the row's id.
    /// </summary>
    private static async Task ForgetPinsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var columns = new HashSet<string>(StringComparer.Ordinal);
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info('desk_rows')";
            await using var reader = await info.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                columns.Add(reader.GetString(0));
            }
        }

        if (!columns.Contains("pin"))
        {
            return;
        }

        await using var migrate = connection.CreateCommand();
        migrate.CommandText = """
            PRAGMA secure_delete = ON;
            ALTER TABLE desk_rows ADD COLUMN offer_subject TEXT;
            ALTER TABLE desk_rows ADD COLUMN has_pin INTEGER NOT NULL DEFAULT 0;
            UPDATE desk_rows SET offer_subject = id, has_pin = (pin IS NOT NULL), pin = NULL;
            ALTER TABLE desk_rows DROP COLUMN pin;
            CREATE UNIQUE INDEX IF NOT EXISTS desk_rows_offer_subject ON desk_rows (offer_subject);
            PRAGMA wal_checkpoint(TRUNCATE);
            VACUUM;
            """;
        await migrate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A table made by an earlier version kept each offer's link in clear: each such link is protected in place (and the
    /// file compacted, so the clear values do not linger in free pages). A protected link holds no <c>:</c>, a link does.
    /// </summary>
    private async Task ProtectOfferLinksAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var clear = new List<(string Id, string Link)>();
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT id, offer_link FROM desk_rows WHERE instr(offer_link, ':') > 0";
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                clear.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        if (clear.Count == 0)
        {
            return;
        }

        await using (var secure = connection.CreateCommand())
        {
            secure.CommandText = "PRAGMA secure_delete = ON;";
            await secure.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var (id, link) in clear)
            {
                await using var update = connection.CreateCommand();
                update.Transaction = transaction;
                update.CommandText = "UPDATE desk_rows SET offer_link = $link WHERE id = $id";
                update.Parameters.AddWithValue("$link", _offerLinks.Protect(link));
                update.Parameters.AddWithValue("$id", id);
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var compact = connection.CreateCommand();
        compact.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); VACUUM;";
        await compact.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (!_initialized)
        {
            await _init.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!_initialized)
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = """
                        PRAGMA journal_mode = WAL;
                        CREATE TABLE IF NOT EXISTS desk_rows (
                            seq INTEGER PRIMARY KEY AUTOINCREMENT,
                            id TEXT NOT NULL UNIQUE,
                            certificate_number TEXT NOT NULL UNIQUE,
                            display_name TEXT NOT NULL,
                            category_code TEXT NOT NULL,
                            claims TEXT NOT NULL,
                            offer_link TEXT NOT NULL,
                            offer_subject TEXT NOT NULL UNIQUE,
                            has_pin INTEGER NOT NULL,
                            offer_expires INTEGER NOT NULL,
                            created INTEGER NOT NULL,
                            state TEXT NOT NULL,
                            redeemed INTEGER,
                            status_uri TEXT,
                            status_index INTEGER);
                        """;
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    await ForgetPinsAsync(connection, cancellationToken).ConfigureAwait(false);
                    await ProtectOfferLinksAsync(connection, cancellationToken).ConfigureAwait(false);
                    _initialized = true;
                }
            }
            finally
            {
                _init.Release();
            }
        }

        await using (var busy = connection.CreateCommand())
        {
            busy.CommandText = "PRAGMA busy_timeout = 5000;";
            await busy.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return connection;
    }
}
