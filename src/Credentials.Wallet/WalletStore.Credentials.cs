using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Wallet.Internal;
using Microsoft.Data.Sqlite;

namespace Credentials.Wallet;

/// <content>Credentials and single-use batches.</content>
public sealed partial class WalletStore
{
    private const string CredentialsTable = "credentials";
    private const string CopiesTable = "credential_copies";

    /// <summary>
    /// Stores an already validated credential (one copy) or a batch of single-use copies as one logical credential, in one
    /// transaction: after a crash the wallet holds either all of it or none of it.
    /// </summary>
    /// <param name="input">The credential and its metadata.</param>
    /// <param name="cancellationToken">Cancels while waiting for the write lock.</param>
    /// <returns>The new credential's id; or <c>wallet.key_not_found</c>, <c>wallet.duplicate_credential</c>, <c>wallet.too_large</c>.</returns>
    /// <exception cref="ArgumentException">The format is empty, there is no copy, or a reusable credential has more than one copy.</exception>
    public ValueTask<VerificationResult<string>> ImportAsync(StoredCredentialInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrEmpty(input.Format, nameof(input));
        ArgumentNullException.ThrowIfNull(input.Copies, nameof(input));
        if (input.Copies.Count == 0 || input.Copies.Any(c => c is null))
        {
            throw new ArgumentException("A credential needs at least one copy, and no copy may be null.", nameof(input));
        }

        if (input.Use == CredentialUse.Reusable && input.Copies.Count != 1)
        {
            throw new ArgumentException("A reusable credential has exactly one copy; import several copies as CredentialUse.SingleUse.", nameof(input));
        }

        if (!Enum.IsDefined(input.Use))
        {
            throw new ArgumentOutOfRangeException(nameof(input), "Unknown CredentialUse.");
        }

        if ((input.DisplayMetadataJson?.Length ?? 0) > _options.MaxDisplayMetadataLength)
        {
            return ValueTask.FromResult<VerificationResult<string>>(new VerificationError(WalletErrors.TooLarge, "The display metadata exceeds WalletOptions.MaxDisplayMetadataLength."));
        }

        if ((input.Types?.Sum(t => t?.Length ?? 0) ?? 0) + (input.ExpandedTypes?.Sum(t => t?.Length ?? 0) ?? 0) > _options.MaxDisplayMetadataLength)
        {
            return ValueTask.FromResult<VerificationResult<string>>(new VerificationError(WalletErrors.TooLarge, "The types exceed WalletOptions.MaxDisplayMetadataLength."));
        }

        var limits = CheckCopyLimits(input.Copies, 0);
        if (limits is not null)
        {
            return ValueTask.FromResult<VerificationResult<string>>(limits);
        }

        var id = Rows.NewId();
        var metadata = new CredentialMetadataRecord
        {
            Format = input.Format,
            SingleUse = input.Use == CredentialUse.SingleUse,
            Vct = input.Vct,
            Issuer = input.Issuer,
            IssuedAt = input.IssuedAt,
            ExpiresAt = input.ExpiresAt,
            ImportedAt = _options.TimeProvider.GetUtcNow(),
            DisplayName = input.DisplayName,
            DisplayMetadataJson = input.DisplayMetadataJson,
            Types = input.Types is { Count: > 0 } types ? [.. types] : null,
            ExpandedTypes = input.ExpandedTypes is { Count: > 0 } expanded ? [.. expanded] : null,
            DocType = input.DocType,
        };
        var sealedMetadata = Seal(new RecordAddress(CredentialsTable, "metadata", id), metadata, WalletJsonContext.Default.CredentialMetadataRecord);
        var clear = _header.MetadataInClear;
        return WriteAsync<string>(
            (connection, transaction) =>
            {
                using (var insert = Rows.Command(connection, transaction, """
                    INSERT INTO credentials (id, single_use, metadata, format, vct, issuer, issued_at, expires_at, display_name)
                    VALUES ($id, $single, $metadata, $format, $vct, $issuer, $iat, $exp, $name)
                    """))
                {
                    insert.Parameters.AddWithValue("$id", id);
                    insert.Parameters.AddWithValue("$single", metadata.SingleUse ? 1 : 0);
                    insert.Parameters.AddWithValue("$metadata", sealedMetadata);
                    insert.Parameters.AddWithValue("$format", clear ? input.Format : DBNull.Value);
                    insert.Parameters.AddWithValue("$vct", clear ? (object?)input.Vct ?? DBNull.Value : DBNull.Value);
                    insert.Parameters.AddWithValue("$issuer", clear ? (object?)input.Issuer ?? DBNull.Value : DBNull.Value);
                    insert.Parameters.AddWithValue("$iat", clear ? (object?)input.IssuedAt?.ToUnixTimeSeconds() ?? DBNull.Value : DBNull.Value);
                    insert.Parameters.AddWithValue("$exp", clear ? (object?)input.ExpiresAt?.ToUnixTimeSeconds() ?? DBNull.Value : DBNull.Value);
                    insert.Parameters.AddWithValue("$name", clear ? (object?)input.DisplayName ?? DBNull.Value : DBNull.Value);
                    insert.ExecuteNonQuery();
                }

                Fault("import:credential");
                var copies = InsertCopies(connection, transaction, id, input.Copies, 0);
                return copies.IsValid ? id : copies.Error;
            },
            cancellationToken);
    }

    /// <summary>Adds fresh copies to a single-use credential (a batch refill from the issuer), in one transaction.</summary>
    /// <param name="credentialId">The credential.</param>
    /// <param name="copies">The new copies.</param>
    /// <param name="cancellationToken">Cancels while waiting for the write lock.</param>
    /// <returns>The new number of unused copies; or <c>wallet.not_found</c>, <c>wallet.not_single_use</c>, <c>wallet.key_not_found</c>, <c>wallet.duplicate_credential</c>, <c>wallet.too_large</c>.</returns>
    /// <exception cref="ArgumentException">There is no copy.</exception>
    public ValueTask<VerificationResult<int>> AddCopiesAsync(string credentialId, IReadOnlyList<CredentialCopyInput> copies, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        ArgumentNullException.ThrowIfNull(copies);
        if (copies.Count == 0 || copies.Any(c => c is null))
        {
            throw new ArgumentException("At least one copy is needed, and no copy may be null.", nameof(copies));
        }

        return WriteAsync<int>(
            (connection, transaction) =>
            {
                var summary = ReadSummary(connection, transaction, credentialId);
                if (!summary.IsValid)
                {
                    return summary.Error;
                }

                if (summary.Value.Use != CredentialUse.SingleUse)
                {
                    return new VerificationError(WalletErrors.NotSingleUse, "Copies can only be added to a single-use credential.");
                }

                var limits = CheckCopyLimits(copies, summary.Value.TotalCopies);
                if (limits is not null)
                {
                    return limits;
                }

                using var max = Rows.Command(connection, transaction, "SELECT coalesce(max(seq), 0) FROM credential_copies WHERE credential_id = $id");
                max.Parameters.AddWithValue("$id", credentialId);
                var firstSeq = Convert.ToInt32(max.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
                var inserted = InsertCopies(connection, transaction, credentialId, copies, firstSeq);
                return inserted.IsValid ? summary.Value.RemainingCopies!.Value + copies.Count : inserted.Error;
            },
            cancellationToken);
    }

    /// <summary>
    /// Lists stored credentials, decrypting only their small metadata records (never the credentials). A metadata
    /// record decrypted before is reused while its stored ciphertext is byte-identical, so repeated listing (every
    /// presentation request) decrypts only what was added or rewritten since, also by another <see cref="WalletStore"/>
    /// or process on the same file; while nothing at all was committed to the file since the last full list, that list
    /// is answered again without reading a row.
    /// </summary>
    /// <param name="filter">Which credentials; <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels before the query.</param>
    /// <returns>The summaries in import order, or <c>wallet.corrupt</c>.</returns>
    public ValueTask<VerificationResult<IReadOnlyList<CredentialSummary>>> ListAsync(CredentialFilter? filter = null, CancellationToken cancellationToken = default) => ReadAsync<IReadOnlyList<CredentialSummary>>(
        connection =>
        {
            // Read before the rows: a commit after this point changes the version, and the next call reads again.
            var version = ReadDataVersion();
            if (_summaries is { } kept && kept.DataVersion == version && !(_header.MetadataInClear && filter is not null))
            {
                var answer = new List<CredentialSummary>(filter is null ? kept.All.Length : 0);
                foreach (var summary in kept.All)
                {
                    if (Matches(summary, filter))
                    {
                        answer.Add(summary);
                    }
                }

                return answer;
            }

            var sql = new StringBuilder(SummarySelect);
            using var command = Rows.Command(connection, null, string.Empty);
            var filtered = _header.MetadataInClear && filter is not null;
            if (filtered)
            {
                // With clear metadata the filter runs in SQL; the decrypted record is still checked below.
                sql.Append(" WHERE 1 = 1");
                AppendClearFilter(sql, command, "format", filter!.Format);
                AppendClearFilter(sql, command, "vct", filter.Vct);
                AppendClearFilter(sql, command, "issuer", filter.Issuer);
            }

            sql.Append(" ORDER BY c.rowid");
            command.CommandText = sql.ToString();
            var opened = _openedMetadata;
            var seen = filtered ? null : new Dictionary<string, OpenedMetadata>(opened.Count, StringComparer.Ordinal);
            var list = new List<CredentialSummary>();
            var all = seen is null ? null : new List<CredentialSummary>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var summary = ReadSummaryRow(reader, opened, seen);
                if (!summary.IsValid)
                {
                    return summary.Error;
                }

                all?.Add(summary.Value);
                if (Matches(summary.Value, filter))
                {
                    list.Add(summary.Value);
                }
            }

            if (seen is not null)
            {
                // A full read also forgets the records of deleted credentials.
                _openedMetadata = seen;
                _summaries = new SummaryList(version, [.. all!]);
            }

            return VerificationResult<IReadOnlyList<CredentialSummary>>.Success(list);
        },
        cancellationToken);

    /// <summary>
    /// Authenticates every stored record of every credential: its metadata record and each copy not yet used (used
    /// single-use copies were erased). Nothing is returned or kept; a wallet that lists credentials calls this so
    /// damage shows when the list is shown, not only when a damaged credential is opened.
    /// </summary>
    /// <param name="cancellationToken">Cancels between credentials.</param>
    /// <returns>
    /// The number of credentials checked; or <c>wallet.corrupt</c> (its message names the first damaged credential's id)
    /// or <c>wallet.unsupported_version</c>.
    /// </returns>
    public ValueTask<VerificationResult<int>> AuthenticateRecordsAsync(CancellationToken cancellationToken = default) => ReadAsync<int>(
        connection =>
        {
            // One read transaction: a concurrent import or deletion is seen entirely or not at all.
            using var transaction = connection.BeginTransaction(deferred: true);
            using var credentials = Rows.Command(connection, transaction, "SELECT id, metadata FROM credentials ORDER BY rowid");
            using var copies = Rows.Command(connection, transaction, "SELECT id, holder_key_id, raw FROM credential_copies WHERE credential_id = $id AND used = 0 ORDER BY seq");
            var copiesOf = copies.Parameters.Add("$id", SqliteType.Text);
            var count = 0;
            using var reader = credentials.ExecuteReader();
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var id = Rows.Text(reader, 0);
                if (id is null)
                {
                    return new VerificationError(WalletErrors.Corrupt, "A credential row is malformed.");
                }

                var damage = AuthenticateCredential(id, Rows.Blob(reader, 1), copies, copiesOf);
                if (damage is not null)
                {
                    return new VerificationError(damage.Code, $"The stored records of credential '{id}' cannot be read: {damage.Message}");
                }

                count++;
            }

            return count;
        },
        cancellationToken);

    private VerificationError? AuthenticateCredential(string id, byte[]? metadataBlob, SqliteCommand copies, SqliteParameter copiesOf)
    {
        var metadata = Open(new RecordAddress(CredentialsTable, "metadata", id), metadataBlob, WalletJsonContext.Default.CredentialMetadataRecord);
        if (!metadata.IsValid)
        {
            return metadata.Error;
        }

        copiesOf.Value = id;
        using var reader = copies.ExecuteReader();
        while (reader.Read())
        {
            var copyId = Rows.Text(reader, 0);
            if (copyId is null)
            {
                return new VerificationError(WalletErrors.Corrupt, "A credential copy row is malformed.");
            }

            var bytes = OpenBytes(CopyAddress(copyId, id, Rows.Text(reader, 1)), Rows.Blob(reader, 2));
            if (!bytes.IsValid)
            {
                return bytes.Error;
            }

            System.Security.Cryptography.CryptographicOperations.ZeroMemory(bytes.Value);
        }

        return null;
    }

    /// <summary>
    /// Gets a credential with one decrypted copy, for display and query matching. For a single-use credential the copy is
    /// the next unused one and is not marked used: present with <see cref="TakeUnusedCopyAsync"/>.
    /// </summary>
    /// <param name="credentialId">The credential.</param>
    /// <param name="cancellationToken">Cancels before the query.</param>
    /// <returns>The credential; or <c>wallet.not_found</c>, <c>wallet.batch_exhausted</c>, <c>wallet.corrupt</c>.</returns>
    public ValueTask<VerificationResult<StoredCredential>> GetAsync(string credentialId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        return ReadAsync<StoredCredential>(
            connection =>
            {
                using var transaction = connection.BeginTransaction(deferred: true);
                var summary = ReadSummary(connection, transaction, credentialId);
                if (!summary.IsValid)
                {
                    return summary.Error;
                }

                var copy = ReadNextCopy(connection, transaction, credentialId);
                if (!copy.IsValid)
                {
                    return copy.Error;
                }

                return new StoredCredential { Summary = summary.Value, Raw = copy.Value.Raw, HolderKeyId = copy.Value.HolderKeyId };
            },
            cancellationToken);
    }

    /// <summary>
    /// Hands out a copy for one presentation. For a single-use credential the copy is marked used and its bytes erased in
    /// the same transaction, so no copy is ever handed out twice, even across threads and processes. For a reusable
    /// credential the one copy is returned and stays.
    /// </summary>
    /// <param name="credentialId">The credential (for a batch: the id <see cref="ImportAsync"/> returned).</param>
    /// <param name="cancellationToken">Cancels while waiting for the write lock.</param>
    /// <returns>The copy with the remaining count; or <c>wallet.not_found</c>, <c>wallet.batch_exhausted</c>, <c>wallet.corrupt</c>.</returns>
    public ValueTask<VerificationResult<CredentialCopy>> TakeUnusedCopyAsync(string credentialId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        return WriteAsync<CredentialCopy>(
            (connection, transaction) =>
            {
                var summary = ReadSummary(connection, transaction, credentialId);
                if (!summary.IsValid)
                {
                    return summary.Error;
                }

                var copy = ReadNextCopy(connection, transaction, credentialId);
                if (!copy.IsValid)
                {
                    return copy.Error;
                }

                var use = summary.Value.Use;
                int? remaining = null;
                if (use == CredentialUse.SingleUse)
                {
                    using var mark = Rows.Command(connection, transaction, "UPDATE credential_copies SET used = 1, raw = NULL WHERE id = $id AND used = 0");
                    mark.Parameters.AddWithValue("$id", copy.Value.CopyId);
                    if (mark.ExecuteNonQuery() != 1)
                    {
                        return new VerificationError(WalletErrors.Corrupt, "A copy changed while it was being taken.");
                    }

                    remaining = summary.Value.RemainingCopies!.Value - 1;
                }

                return new CredentialCopy
                {
                    CredentialId = credentialId,
                    CopyId = copy.Value.CopyId,
                    Raw = copy.Value.Raw,
                    HolderKeyId = copy.Value.HolderKeyId,
                    Use = use,
                    RemainingCopies = remaining,
                    IsRunningLow = remaining is { } r && r <= _options.RunningLowThreshold,
                };
            },
            cancellationToken);
    }

    /// <summary>
    /// Deletes a credential and all its copies. The rows' bytes are overwritten with zeros (<c>secure_delete</c>) and the
    /// write-ahead log is checkpointed and truncated, so they do not linger in the file. The disclosure log keeps its entries.
    /// </summary>
    /// <param name="credentialId">The credential.</param>
    /// <param name="cancellationToken">Cancels while waiting for the write lock.</param>
    /// <returns>The summary of what was deleted; or <c>wallet.not_found</c>.</returns>
    public async ValueTask<VerificationResult<CredentialSummary>> DeleteAsync(string credentialId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        var result = await WriteAsync<CredentialSummary>(
            (connection, transaction) =>
            {
                var summary = ReadSummary(connection, transaction, credentialId);
                if (!summary.IsValid && summary.Error.Code != WalletErrors.Corrupt)
                {
                    return summary.Error;
                }

                using var delete = Rows.Command(connection, transaction, "DELETE FROM credentials WHERE id = $id");
                delete.Parameters.AddWithValue("$id", credentialId);
                if (delete.ExecuteNonQuery() != 1)
                {
                    return new VerificationError(WalletErrors.NotFound, $"No {"credential"} with this id is stored.");
                }

                // A corrupt credential can still be deleted; its summary is then unknown.
                return summary.IsValid ? summary.Value : new CredentialSummary { Id = credentialId, Format = string.Empty, Use = CredentialUse.Reusable, ImportedAt = default, TotalCopies = 0 };
            },
            cancellationToken).ConfigureAwait(false);
        if (result.IsValid)
        {
            Checkpoint();
        }

        return result;
    }

    private const string SummarySelect = """
        SELECT c.id, c.single_use, c.metadata,
            (SELECT count(*) FROM credential_copies k WHERE k.credential_id = c.id),
            (SELECT count(*) FROM credential_copies k WHERE k.credential_id = c.id AND k.used = 0)
        FROM credentials c
        """;

    private static void AppendClearFilter(StringBuilder sql, SqliteCommand command, string column, string? value)
    {
        if (value is null)
        {
            return;
        }

        sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" AND c.{column} = ${column}");
        command.Parameters.AddWithValue("$" + column, value);
    }

    private static bool Matches(CredentialSummary summary, CredentialFilter? filter) =>
        filter is null
        || ((filter.Format is null || string.Equals(filter.Format, summary.Format, StringComparison.Ordinal))
            && (filter.Vct is null || string.Equals(filter.Vct, summary.Vct, StringComparison.Ordinal))
            && (filter.Issuer is null || string.Equals(filter.Issuer, summary.Issuer, StringComparison.Ordinal))
            && (filter.ValidAt is null || summary.ExpiresAt is null || summary.ExpiresAt > filter.ValidAt)
            && (!filter.ExcludeExhausted || !summary.IsExhausted));

    private VerificationError? CheckCopyLimits(IReadOnlyList<CredentialCopyInput> copies, int existing)
    {
        if (existing + copies.Count > _options.MaxCopiesPerCredential)
        {
            return new VerificationError(WalletErrors.TooLarge, "The batch exceeds WalletOptions.MaxCopiesPerCredential.");
        }

        return copies.Any(c => c.Raw.Length > _options.MaxCredentialLength)
            ? new VerificationError(WalletErrors.TooLarge, "A credential exceeds WalletOptions.MaxCredentialLength.")
            : null;
    }

    private VerificationResult<bool> InsertCopies(SqliteConnection connection, SqliteTransaction transaction, string credentialId, IReadOnlyList<CredentialCopyInput> copies, int firstSeq)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var keyId in copies.Select(c => c.HolderKeyId).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            using var key = Rows.Command(connection, transaction, "SELECT count(*) FROM holder_keys WHERE id = $id");
            key.Parameters.AddWithValue("$id", keyId);
            if (Convert.ToInt64(key.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 1)
            {
                return new VerificationError(WalletErrors.KeyNotFound, "No holder key with this id or thumbprint is stored.");
            }
        }

        using var exists = Rows.Command(connection, transaction, "SELECT count(*) FROM credential_copies WHERE content_index = $index");
        var existsIndex = exists.Parameters.Add("$index", SqliteType.Blob);
        using var insert = Rows.Command(connection, transaction, """
            INSERT INTO credential_copies (id, credential_id, seq, holder_key_id, used, content_index, raw)
            VALUES ($id, $credential, $seq, $key, 0, $index, $raw)
            """);
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        insert.Parameters.AddWithValue("$credential", credentialId);
        var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
        var holderKey = insert.Parameters.Add("$key", SqliteType.Text);
        var index = insert.Parameters.Add("$index", SqliteType.Blob);
        var raw = insert.Parameters.Add("$raw", SqliteType.Blob);
        for (var i = 0; i < copies.Count; i++)
        {
            var copy = copies[i];
            var contentIndex = _cipher.BlindIndex("credential", copy.Raw);
            existsIndex.Value = contentIndex;
            if (!seen.Add(Convert.ToBase64String(contentIndex)) || Convert.ToInt64(exists.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0)
            {
                return new VerificationError(WalletErrors.DuplicateCredential, "This credential is already stored (or was stored and used).");
            }

            var copyId = Rows.NewId();
            id.Value = copyId;
            seq.Value = firstSeq + i + 1;
            holderKey.Value = (object?)copy.HolderKeyId ?? DBNull.Value;
            index.Value = contentIndex;
            raw.Value = _cipher.Seal(CopyAddress(copyId, credentialId, copy.HolderKeyId), copy.Raw);
            insert.ExecuteNonQuery();
            Fault("import:copy:" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return true;
    }

    private static RecordAddress CopyAddress(string copyId, string credentialId, string? holderKeyId) =>
        new(CopiesTable, "raw", copyId, credentialId + "\0" + holderKeyId);

    private VerificationResult<CredentialSummary> ReadSummary(SqliteConnection connection, SqliteTransaction? transaction, string credentialId)
    {
        using var command = Rows.Command(connection, transaction, SummarySelect + " WHERE c.id = $id");
        command.Parameters.AddWithValue("$id", credentialId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadSummaryRow(reader) : new VerificationError(WalletErrors.NotFound, $"No {"credential"} with this id is stored.");
    }

    private VerificationResult<CredentialSummary> ReadSummaryRow(SqliteDataReader reader) => ReadSummaryRow(reader, null, null);

    /// <summary>Reads a summary row, reusing the record opened from a byte-identical ciphertext in <paramref name="opened"/>.</summary>
    private VerificationResult<CredentialSummary> ReadSummaryRow(SqliteDataReader reader, Dictionary<string, OpenedMetadata>? opened, Dictionary<string, OpenedMetadata>? seen)
    {
        var id = Rows.Text(reader, 0);
        var singleUse = Rows.Integer(reader, 1);
        if (id is null || singleUse is not (0 or 1))
        {
            return new VerificationError(WalletErrors.Corrupt, "A credential row is malformed.");
        }

        var blob = Rows.Blob(reader, 2);
        CredentialMetadataRecord metadata;
        if (blob is not null && opened is not null && opened.TryGetValue(id, out var known) && blob.AsSpan().SequenceEqual(known.Ciphertext))
        {
            metadata = known.Record;
        }
        else
        {
            var record = Open(new RecordAddress(CredentialsTable, "metadata", id), blob, WalletJsonContext.Default.CredentialMetadataRecord);
            if (!record.IsValid)
            {
                return record.Error;
            }

            metadata = record.Value;
            known = new OpenedMetadata(blob!, metadata);
        }

        seen?.Add(id, known);
        if (metadata.SingleUse != (singleUse == 1))
        {
            return new VerificationError(WalletErrors.Corrupt, "A credential row does not match its metadata record.");
        }

        var total = (int)reader.GetInt64(3);
        int? remaining = metadata.SingleUse ? (int)reader.GetInt64(4) : null;
        return new CredentialSummary
        {
            Id = id,
            Format = metadata.Format,
            Use = metadata.SingleUse ? CredentialUse.SingleUse : CredentialUse.Reusable,
            Vct = metadata.Vct,
            Issuer = metadata.Issuer,
            IssuedAt = metadata.IssuedAt,
            ExpiresAt = metadata.ExpiresAt,
            ImportedAt = metadata.ImportedAt,
            DisplayName = metadata.DisplayName,
            DisplayMetadataJson = metadata.DisplayMetadataJson,
            Types = metadata.Types is { } types ? [.. types] : [],
            ExpandedTypes = metadata.ExpandedTypes is { } expanded ? [.. expanded] : [],
            DocType = metadata.DocType,
            TotalCopies = total,
            RemainingCopies = remaining,
            IsRunningLow = remaining is { } r && r <= _options.RunningLowThreshold,
        };
    }

    private VerificationResult<(string CopyId, string Raw, string? HolderKeyId)> ReadNextCopy(SqliteConnection connection, SqliteTransaction? transaction, string credentialId)
    {
        using var command = Rows.Command(connection, transaction, "SELECT id, holder_key_id, raw FROM credential_copies WHERE credential_id = $id AND used = 0 ORDER BY seq LIMIT 1");
        command.Parameters.AddWithValue("$id", credentialId);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return new VerificationError(WalletErrors.BatchExhausted, "Every copy of this credential has been used.");
        }

        var copyId = Rows.Text(reader, 0);
        if (copyId is null)
        {
            return new VerificationError(WalletErrors.Corrupt, "A credential copy row is malformed.");
        }

        var holderKeyId = Rows.Text(reader, 1);
        var raw = OpenText(CopyAddress(copyId, credentialId, holderKeyId), Rows.Blob(reader, 2));
        return raw.IsValid ? (copyId, raw.Value, holderKeyId) : raw.Error;
    }
}
