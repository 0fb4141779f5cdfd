using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Credentials.SdJwt;
using Credentials.Wallet.Internal;

namespace Credentials.Wallet;

/// <content>The disclosure log.</content>
public sealed partial class WalletStore
{
    private const string LogTable = "disclosure_log";

    /// <summary>
    /// Records a presentation: the verifier, the time, and for each credential the claim paths disclosed. Claim values
    /// are kept only when <see cref="WalletOptions.LogClaimValues"/> is on; otherwise they are dropped before anything is written.
    /// </summary>
    /// <param name="record">What was presented to whom.</param>
    /// <param name="cancellationToken">Cancels while waiting for the write lock.</param>
    /// <returns>The stored entry.</returns>
    /// <exception cref="ArgumentException">The verifier is empty, or a credential id or claim list is missing.</exception>
    public ValueTask<VerificationResult<DisclosureLogEntry>> RecordPresentationAsync(PresentationRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(record.Verifier, nameof(record));
        ArgumentNullException.ThrowIfNull(record.Credentials, nameof(record));
        if (record.Credentials.Any(c => c is null || string.IsNullOrEmpty(c.CredentialId) || c.Claims is null || c.Claims.Any(claim => claim?.Path is null)))
        {
            throw new ArgumentException("Every disclosed credential needs an id and a list of claims with paths.", nameof(record));
        }

        var logValues = _options.LogClaimValues;
        var entry = new DisclosureLogEntry
        {
            Id = Rows.NewId(),
            Time = record.Time ?? _options.TimeProvider.GetUtcNow(),
            Verifier = record.Verifier,
            Audience = record.Audience,
            Credentials = [.. record.Credentials.Select(c => c with { Claims = [.. c.Claims.Select(claim => logValues ? claim : claim with { ValueJson = null })] })],
        };
        var stored = new LogRecord
        {
            Time = entry.Time,
            Verifier = entry.Verifier,
            Audience = entry.Audience,
            Credentials = [.. entry.Credentials.Select(c => new LogCredentialRecord
            {
                CredentialId = c.CredentialId,
                Vct = c.Vct,
                QueryId = c.QueryId,
                Claims = [.. c.Claims.Select(claim => new LogClaimRecord { Path = claim.Path.ToString(), Value = claim.ValueJson })],
            })],
        };
        return WriteAsync<DisclosureLogEntry>(
            (connection, transaction) =>
            {
                using var next = Rows.Command(connection, transaction, "SELECT coalesce(max(seq), 0) + 1 FROM disclosure_log");
                var seq = Convert.ToInt64(next.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
                using var insert = Rows.Command(connection, transaction, "INSERT INTO disclosure_log (id, seq, entry) VALUES ($id, $seq, $entry)");
                insert.Parameters.AddWithValue("$id", entry.Id);
                insert.Parameters.AddWithValue("$seq", seq);
                insert.Parameters.AddWithValue("$entry", Seal(LogAddress(entry.Id, seq), stored, WalletJsonContext.Default.LogRecord));
                insert.ExecuteNonQuery();
                return entry;
            },
            cancellationToken);
    }

    /// <summary>Reads the disclosure log, oldest first: who learned what, and when.</summary>
    /// <param name="cancellationToken">Cancels before the query.</param>
    /// <returns>The entries, or <c>wallet.corrupt</c>.</returns>
    public ValueTask<VerificationResult<IReadOnlyList<DisclosureLogEntry>>> GetDisclosureLogAsync(CancellationToken cancellationToken = default) => ReadAsync(
        connection =>
        {
            using var command = Rows.Command(connection, null, "SELECT id, seq, entry FROM disclosure_log ORDER BY seq");
            using var reader = command.ExecuteReader();
            var entries = new List<DisclosureLogEntry>();
            while (reader.Read())
            {
                var id = Rows.Text(reader, 0);
                var seq = Rows.Integer(reader, 1);
                if (id is null || seq is null)
                {
                    return new VerificationError(WalletErrors.Corrupt, "A disclosure log row is malformed.");
                }

                var record = Open(LogAddress(id, seq.Value), Rows.Blob(reader, 2), WalletJsonContext.Default.LogRecord);
                if (!record.IsValid)
                {
                    return record.Error;
                }

                var credentials = new List<DisclosedCredential>();
                foreach (var c in record.Value.Credentials ?? [])
                {
                    var claims = new List<DisclosedClaim>();
                    foreach (var claim in c.Claims ?? [])
                    {
                        if (!ClaimPath.TryParse(claim.Path, out var path))
                        {
                            return new VerificationError(WalletErrors.Corrupt, "A disclosure log entry has a malformed claim path.");
                        }

                        claims.Add(new DisclosedClaim(path, claim.Value));
                    }

                    credentials.Add(new DisclosedCredential { CredentialId = c.CredentialId, Vct = c.Vct, QueryId = c.QueryId, Claims = claims });
                }

                entries.Add(new DisclosureLogEntry { Id = id, Time = record.Value.Time, Verifier = record.Value.Verifier, Audience = record.Value.Audience, Credentials = credentials });
            }

            return VerificationResult<IReadOnlyList<DisclosureLogEntry>>.Success(entries);
        },
        cancellationToken);

    /// <summary>Deletes every disclosure log entry (the person's choice); the bytes are overwritten and the log checkpointed.</summary>
    /// <param name="cancellationToken">Cancels while waiting for the write lock.</param>
    /// <returns>The number of entries deleted.</returns>
    public async ValueTask<VerificationResult<int>> ClearDisclosureLogAsync(CancellationToken cancellationToken = default)
    {
        var result = await WriteAsync(
            (connection, transaction) =>
            {
                using var delete = Rows.Command(connection, transaction, "DELETE FROM disclosure_log");
                return VerificationResult<int>.Success(delete.ExecuteNonQuery());
            },
            cancellationToken).ConfigureAwait(false);
        if (result.IsValid)
        {
            Checkpoint();
        }

        return result;
    }

    private static RecordAddress LogAddress(string id, long seq) =>
        new(LogTable, "entry", id, seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
